using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Services;

namespace Gdpr.Workflows.Erasure.Tests.Services;

/// <summary>
/// The ExecutionEnded rule shreds at once only a request nothing may work on again, and the daily sweep shreds a failed
/// request only once its execution has stayed stopped for the redrive window.
/// </summary>
public sealed class ExecutionEndedShreddingTests : IDisposable
{
    private readonly ServiceHarness _h = new();
    private readonly FakeExecutionEnds _executions = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task OnExecutionEndedAsync_AbortedByCancel_ShredsAtOnce()
    {
        var id = await _h.StartedRequestAsync();
        await _h.Cancel.CancelAsync(id, "officer-1");

        var result = await Shredding().OnExecutionEndedAsync(id, ServiceHarness.ExecutionOf(id), "ABORTED");

        result.Outcome.Should().Be("shredded");
        (await _h.VaultStore.GetKeyAsync(id)).Should().BeNull();
    }

    [Theory]
    [InlineData("FAILED")]
    [InlineData("TIMED_OUT")]
    public async Task OnExecutionEndedAsync_FailedAndClosedByTheLedger_KeepsTheVaultForARedrive(string status)
    {
        var id = await _h.StartedRequestAsync();
        await _h.Ledger.ExecutionEndedAsync(id, ServiceHarness.ExecutionOf(id), status);

        var result = await Shredding().OnExecutionEndedAsync(id, ServiceHarness.ExecutionOf(id), status);

        result.Outcome.Should().Be(ExecutionEndedShredding.KeptForRedrive);
        (await _h.VaultStore.GetKeyAsync(id)).Should().NotBeNull();
    }

    [Fact]
    public async Task OnExecutionEndedAsync_FailedAfterIdentityNotProvided_ShredsAtOnce()
    {
        // The requester never sent the identity information: a redrive would close it the same way, so nothing is kept
        // for one (a new request starts afresh).
        var id = await _h.StartedRequestAsync();
        await _h.Ledger.IdentityNotProvidedAsync(id, ServiceHarness.ExecutionOf(id));

        var result = await Shredding().OnExecutionEndedAsync(id, ServiceHarness.ExecutionOf(id), "FAILED");

        result.Outcome.Should().Be("shredded");
        (await _h.VaultStore.GetKeyAsync(id)).Should().BeNull();
    }

    [Fact]
    public async Task SweepAsync_FailedLongerThanTheRedriveWindow_Shreds()
    {
        var id = await FailedRequestAsync();
        _executions.StoppedAt[ServiceHarness.ExecutionOf(id)] = _h.Time.GetUtcNow();
        _h.Time.Advance(ExecutionEndedShredding.RedriveWindow + TimeSpan.FromHours(1));

        var result = await Shredding().SweepAsync();

        result.Should().Be(new ShredSweepResult(Examined: 1, Shredded: 1));
        (await _h.VaultStore.GetKeyAsync(id)).Should().BeNull();
    }

    [Fact]
    public async Task SweepAsync_WithinTheRedriveWindow_Keeps()
    {
        var id = await FailedRequestAsync();
        _executions.StoppedAt[ServiceHarness.ExecutionOf(id)] = _h.Time.GetUtcNow();
        _h.Time.Advance(ExecutionEndedShredding.RedriveWindow - TimeSpan.FromHours(1));

        var result = await Shredding().SweepAsync();

        result.Shredded.Should().Be(0);
        (await _h.VaultStore.GetKeyAsync(id)).Should().NotBeNull();
    }

    [Fact]
    public async Task SweepAsync_RedrivenExecutionRunning_Keeps()
    {
        var id = await FailedRequestAsync();
        _executions.StoppedAt[ServiceHarness.ExecutionOf(id)] = null;
        _h.Time.Advance(TimeSpan.FromDays(30));

        var result = await Shredding().SweepAsync();

        result.Shredded.Should().Be(0);
        (await _h.VaultStore.GetKeyAsync(id)).Should().NotBeNull();
    }

    [Fact]
    public async Task SweepAsync_Repeated_ShredsOnce()
    {
        var id = await FailedRequestAsync();
        _executions.StoppedAt[ServiceHarness.ExecutionOf(id)] = _h.Time.GetUtcNow();
        _h.Time.Advance(TimeSpan.FromDays(15));

        await Shredding().SweepAsync();
        var second = await Shredding().SweepAsync();

        second.Should().Be(new ShredSweepResult(Examined: 1, Shredded: 0));
    }

    [Fact]
    public async Task SweepAsync_NoExecutionLookup_FailsRatherThanGuessing()
    {
        var act = () => new ExecutionEndedShredding(_h.Shredder, _h.Vault, _h.Requests, executions: null, _h.Time).SweepAsync();

        await act.Should().ThrowAsync<InvalidOperationException>();
    }

    private ExecutionEndedShredding Shredding() => new(_h.Shredder, _h.Vault, _h.Requests, _executions, _h.Time);

    private async Task<string> FailedRequestAsync()
    {
        var id = await _h.StartedRequestAsync();
        await _h.Ledger.ExecutionEndedAsync(id, ServiceHarness.ExecutionOf(id), "FAILED");
        return id;
    }

    private sealed class FakeExecutionEnds : IExecutionEnds
    {
        public Dictionary<string, DateTimeOffset?> StoppedAt { get; } = new(StringComparer.Ordinal);

        public Task<DateTimeOffset?> StoppedAtAsync(string executionId, CancellationToken cancellationToken = default) =>
            Task.FromResult(StoppedAt.TryGetValue(executionId, out var at) ? at : DateTimeOffset.MinValue);
    }
}
