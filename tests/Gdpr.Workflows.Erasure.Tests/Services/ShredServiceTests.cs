using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Vault;

namespace Gdpr.Workflows.Erasure.Tests.Services;

public sealed class ShredServiceTests : IDisposable
{
    private readonly ServiceHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task ShredAsync_Sealed_DestroysTheKeyAndAudits()
    {
        var id = await _h.StartedRequestAsync();

        var result = await _h.Shredder.ShredAsync(id, ServiceHarness.ExecutionOf(id));

        result.Outcome.Should().Be("shredded");
        (await _h.Vault.GetStateAsync(id)).Should().Be(SubjectVaultState.Shredded);
        (await _h.AuditOfAsync(id)).Single(e => e.Type == AuditEventType.SubjectsShredded).Details.Should().Contain("reason", "workflow");
    }

    [Fact]
    public async Task ShredAsync_Repeated_AnswersWhatTheFirstCallFound()
    {
        var id = await _h.StartedRequestAsync();
        await _h.Shredder.ShredAsync(id, ServiceHarness.ExecutionOf(id));

        var again = await _h.Shredder.ShredAsync(id, ServiceHarness.ExecutionOf(id));

        again.Outcome.Should().Be("shredded");
        (await _h.AuditOfAsync(id)).Count(e => e.Type == AuditEventType.SubjectsShredded).Should().Be(1);
    }

    [Fact]
    public async Task ShredAsync_EventBridgeAfterTheWorkflow_AlreadyShredded()
    {
        var id = await _h.StartedRequestAsync();
        await _h.Shredder.ShredAsync(id, ServiceHarness.ExecutionOf(id));

        var late = await _h.Shredder.ShredAsync(id, ServiceHarness.ExecutionOf(id), "ABORTED");

        late.Outcome.Should().Be("already-shredded");
    }

    [Fact]
    public async Task ShredAsync_NothingSealed_Succeeds()
    {
        var result = await _h.Shredder.ShredAsync("req-never", "arn:exec", "FAILED");

        result.Outcome.Should().Be("nothing-sealed");
    }
}
