using System.Text.Json;
using Gdpr.Workflows.Erasure.Deadlines;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Tests.Requests;

/// <summary>The model is plain data: a store can keep it as JSON and get the same request back.</summary>
public class ErasureRequestPersistenceTests
{
    [Fact]
    public void SystemTextJson_FullRequest_RoundTrips()
    {
        var day = new DateOnly(2025, 3, 3);
        var request = TestRequests.New("req-1", RequestStatus.CompletedWithExceptions) with
        {
            Version = 7,
            ExecutionId = "arn:aws:states:eu-west-2:123456789012:execution:erasure:req-1",
            Verification = IdentityVerification.Verified("id-document", TestRequests.Received.AddDays(1), "officer-1"),
            Deadline = new DeadlineState(day, ClockStart.OnIdentityVerified(day.AddDays(1)), [new ClockPause(day.AddDays(3), day.AddDays(5))],
                [new DeadlineExtension(1, "Complex", day.AddDays(6))], [new ExtensionNotice(day.AddDays(6), day.AddMonths(1), TestRequests.Received.AddDays(7), "officer-2")],
                new DateOnly(2025, 5, 8)),
            Systems =
            [
                new SystemErasureState("orders", SystemErasureStatus.Retained)
                {
                    Attempts = 1,
                    Receipt = "orders:2",
                    RetentionGround = RetentionGround.LegalObligation,
                    RetainUntil = new DateOnly(2031, 3, 3),
                    Recipients = new RecipientsNotification(RecipientNotificationStatus.Sent, null, 1),
                    UpdatedAt = TestRequests.Received.AddDays(2),
                },
                new SystemErasureState("support-desk", SystemErasureStatus.Failed) { Attempts = 2, LastError = "States.Timeout" },
            ],
            Outcome = new FinalOutcome(RequestStatus.CompletedWithExceptions, new ErasureCounts(2, 0, 0, 1, 0, 1, 0), TestRequests.Received.AddDays(9), "Finalizer"),
            AppliedEvents = ["ledger:0123456789abcdef"],
        };

        foreach (var options in new[] { JsonSerializerOptions.Default, JsonSerializerOptions.Web })
        {
            var json = JsonSerializer.Serialize(request, options);

            JsonSerializer.Deserialize<ErasureRequest>(json, options).Should().BeEquivalentTo(request);
        }
    }
}
