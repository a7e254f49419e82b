using Gdpr.Workflows.Erasure.Deadlines;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Stores.Tests.Support;

/// <summary>Builds stored-shape erasure requests for the store contracts.</summary>
public static class RequestSamples
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

    /// <summary>A request with every optional part filled, to prove a store keeps the whole record.</summary>
    public static ErasureRequest Rich(string requestId)
    {
        var received = Received.AddTicks(1234567);
        var receivedOn = DateOnly.FromDateTime(received.UtcDateTime);
        return new ErasureRequest
        {
            RequestId = requestId,
            Version = 1,
            IntakeKey = "intake-" + requestId,
            ReceivedAt = received,
            Channel = "portal",
            SubjectHashes = [Hash('b'), Hash('c')],
            Jurisdiction = "UK",
            Verification = IdentityVerification.Verified("id-document", received.AddHours(2), "officer-7"),
            Deadline = new DeadlineState(
                receivedOn,
                ClockStart.OnIdentityVerified(receivedOn.AddDays(1)),
                [new ClockPause(receivedOn.AddDays(3), receivedOn.AddDays(5))],
                [new DeadlineExtension(2, "complexity", receivedOn.AddDays(10))],
                [new ExtensionNotice(receivedOn.AddDays(10), receivedOn.AddMonths(1), received.AddDays(11), "officer-7")],
                receivedOn.AddMonths(3)),
            Status = RequestStatus.CompletedWithExceptions,
            ExecutionId = "arn:aws:states:eu-west-2:123456789012:execution:erasure:" + requestId,
            Systems =
            [
                new SystemErasureState("crm", SystemErasureStatus.Erased) { Attempts = 2, Receipt = "crm-991", UpdatedAt = received.AddDays(4) },
                new SystemErasureState("billing", SystemErasureStatus.Retained)
                {
                    Attempts = 1,
                    RetentionGround = RetentionGround.LegalObligation,
                    RetainUntil = receivedOn.AddYears(6),
                    Recipients = new RecipientsNotification(RecipientNotificationStatus.Impossible, "no-recipients", 0),
                },
                new SystemErasureState("legacy", SystemErasureStatus.Failed) { Attempts = 3, LastError = "Erasure.TransientError" },
            ],
            Outcome = new FinalOutcome(RequestStatus.CompletedWithExceptions, new ErasureCounts(3, 1, 0, 1, 1, 0, 0), received.AddDays(20), "Finalizer"),
            AppliedEvents = ["e1a2", "e3b4"],
            UpdatedAt = received.AddDays(20),
        };
    }
}
