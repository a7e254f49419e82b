using Gdpr.Workflows.Erasure.Deadlines;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Tests.Requests;

/// <summary>Builds stored-shape requests for store and model tests.</summary>
internal static class TestRequests
{
    public static readonly DateTimeOffset Received = new(2025, 3, 3, 9, 30, 0, TimeSpan.Zero);

    public static string Hash(char c) => new(c, 64);

    public static ErasureRequest New(
        string requestId,
        RequestStatus status = RequestStatus.Received,
        DateOnly? dueDate = null,
        DateTimeOffset? receivedAt = null,
        IReadOnlyList<string>? subjectHashes = null,
        string? intakeKey = null)
    {
        var received = receivedAt ?? Received;
        var receivedOn = DateOnly.FromDateTime(received.UtcDateTime);
        return new ErasureRequest
        {
            RequestId = requestId,
            Version = 1,
            IntakeKey = intakeKey ?? "intake-" + requestId,
            ReceivedAt = received,
            Channel = "web-form",
            SubjectHashes = subjectHashes ?? [Hash('a')],
            Jurisdiction = "UK",
            Verification = IdentityVerification.NotRequired,
            Deadline = new DeadlineState(receivedOn, ClockStart.OnReceipt(receivedOn), [], [], [], dueDate ?? receivedOn.AddMonths(1)),
            Status = status,
            UpdatedAt = received,
        };
    }
}
