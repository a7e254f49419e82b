using System.Text.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Erasure.Vault;

namespace Gdpr.Workflows.Erasure.Tests.Services;

/// <summary>
/// Runs the services in the order the state machine calls them, for one request through every kind of system, and
/// checks that no raw identifier (nor a task token) ends up in a stored request, an audit event, a notice or any output.
/// </summary>
public sealed class ErasureFlowTests : IDisposable
{
    private const string Loyalty = "LOY-99887766";
    private const string VerificationToken = "verification-token-3f9a";
    private const string DeskToken = "support-desk-token-77c1";

    private readonly ServiceHarness _h = new();
    private readonly List<object> _outputs = [];

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task FullRequest_EverySystem_CompletesWithExceptionsAndKeepsTheVaultForTheRetention()
    {
        var id = await RunWorkflowAsync();

        var request = await _h.RequestAsync(id);
        request.Status.Should().Be(RequestStatus.CompletedWithExceptions);
        request.Systems.Select(s => (s.System, s.Status)).Should().BeEquivalentTo(new[]
        {
            ("orders", SystemErasureStatus.Retained),
            ("crm", SystemErasureStatus.Erased),
            ("marketing", SystemErasureStatus.NotFound),
            ("support-desk", SystemErasureStatus.Erased),
        });
        request.Outcome!.Counts.Should().Be(new ErasureCounts(4, 2, 1, 1, 0, 0, 0));
        // orders keeps invoices until 2030-03-03: the identifiers stay sealed until the follow-up after that day.
        (await _h.Vault.GetStateAsync(id)).Should().Be(SubjectVaultState.Sealed);
        (await _h.Audit.VerifyAsync(id)).Ok.Should().BeTrue();
    }

    [Fact]
    public async Task FullRequest_Everything_HoldsNoRawIdentifierAndNoTaskToken()
    {
        var id = await RunWorkflowAsync();

        var texts = new List<(string What, string Text)>
        {
            ("request record", JsonSerializer.Serialize(await _h.RequestAsync(id))),
        };
        texts.AddRange((await _h.AuditOfAsync(id)).Select(e => ("audit event " + e.Type, AuditCanonicalJson.Serialize(e))));
        texts.AddRange(_h.Officers.Notices.Select(n => ("officer notice", JsonSerializer.Serialize(n))));
        texts.AddRange(_outputs.Select(o => ("output of " + o.GetType().Name, JsonSerializer.Serialize(o))));

        texts.Should().HaveCountGreaterThan(25, "every record, event and output of the run is checked");
        string[] forbidden =
        [
            ServiceHarness.Email, ServiceHarness.Email.ToLowerInvariant(), "alice.smith", "Alice",
            ServiceHarness.Phone, "+442079460958", "2079460958", "7946",
            ServiceHarness.CustomerId, Loyalty, VerificationToken, DeskToken,
        ];
        foreach (var (what, raw) in texts)
        {
            // Hashes and keys (long hex runs) can hold "7946" by chance; they are digests, not the number.
            var text = System.Text.RegularExpressions.Regex.Replace(raw, "[0-9a-f]{40,}", "<hex>");
            foreach (var value in forbidden)
            {
                text.Should().NotContainEquivalentOf(value, $"the {what} must not hold it");
            }
        }
    }

    private async Task<string> RunWorkflowAsync()
    {
        var submission = ServiceHarness.Submission() with
        {
            Identifiers = [.. ServiceHarness.Submission().Identifiers, new IdentifierInput("keyed", Loyalty, "loyalty")],
        };
        var intake = Keep(await _h.Intake.SubmitAsync(submission));
        var id = intake.RequestId;
        var exec = ServiceHarness.ExecutionOf(id);

        var started = Keep(await _h.Ledger.RequestStartedAsync(id, exec));
        started.NeedsVerification.Should().BeTrue();
        _h.Workflow.Issue(VerificationToken);
        Keep(await _h.Verification.AwaitVerificationAsync(id, exec, VerificationToken));
        _h.Time.Advance(TimeSpan.FromDays(2));
        Keep(await _h.Callbacks.DecideIdentityAsync(id, true, "id-document", "officer-7"));

        var plan = Keep(await _h.SystemsList.ListAsync(id, exec));
        var summaries = new List<SystemSummary>();
        foreach (var system in plan.Systems)
        {
            ErasureAnswer answer;
            if (system.Mode == "sync")
            {
                answer = Keep(await _h.SyncErase.EraseAsync(id, exec, system.System));
            }
            else
            {
                Keep(await _h.Ledger.SystemDispatchedAsync(id, exec, system.System, ErasureMode.Async));
                _h.Workflow.Issue(DeskToken);
                await _h.Callbacks.HeartbeatAsync(DeskToken);
                await _h.Callbacks.CompleteAsync(DeskToken, ErasureAnswer.Erased("desk:tickets-redacted=3"));
                answer = ErasureAnswer.FromJson(JsonNode.Parse(_h.Workflow.AnswerOf(DeskToken).Output!));
            }

            Keep(await _h.Ledger.RecordAsync(LedgerEvent.Parse(new JsonObject
            {
                ["event"] = "SystemErased",
                ["requestId"] = id,
                ["executionId"] = exec,
                ["system"] = system.System,
                ["erasure"] = answer.ToJson(),
            })));
            var recipients = Keep(await _h.Recipients.NotifyAsync(id, exec, system.System));
            Keep(await _h.Ledger.RecipientsNotifiedAsync(id, exec, system.System, recipients));
            summaries.Add(new SystemSummary(system.System, "erased", answer.Outcome.WireName(), recipients.Status.WireName()));
        }

        Keep((await _h.Finalizer.FinalizeAsync(id, exec, summaries)).ToJson());
        Keep(await _h.Shredder.ShredAsync(id, exec));
        Keep(await _h.Status.GetAsync(id));
        Keep(await _h.History.GetAsync(id));
        Keep(await _h.Status.FindBySubjectAsync(new IdentifierInput("email", ServiceHarness.Email)));
        Keep(await _h.Reminders.RunAsync());
        return id;
    }

    private T Keep<T>(T output)
        where T : notnull
    {
        _outputs.Add(output);
        return output;
    }
}
