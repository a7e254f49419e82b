using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.Functions.Tests.Support;
using Gdpr.Workflows.Functions.VaultShredder;

namespace Gdpr.Workflows.Functions.Tests.VaultShredder;

/// <summary>The daily sweep shreds a failed request only once its execution has stayed stopped for the redrive window.</summary>
public sealed class ExecutionEndedShreddingTests : IDisposable
{
    private readonly FunctionHarness _harness = new();
    private readonly FakeExecutionEnds _executions = new();

    [Fact]
    public async Task SweepAsync_FailedLongerThanTheRedriveWindow_Shreds()
    {
        var requestId = await FailedRequestAsync();
        _executions.StoppedAt[FunctionHarness.ExecutionOf(requestId)] = _harness.Time.GetUtcNow();
        _harness.Time.Advance(ExecutionEndedShredding.RedriveWindow + TimeSpan.FromHours(1));

        var result = await Shredding().SweepAsync();

        result.Should().Be(new ShredSweepResult(Examined: 1, Shredded: 1));
        (await _harness.VaultStore.GetKeyAsync(requestId)).Should().BeNull();
    }

    [Fact]
    public async Task SweepAsync_WithinTheRedriveWindow_Keeps()
    {
        var requestId = await FailedRequestAsync();
        _executions.StoppedAt[FunctionHarness.ExecutionOf(requestId)] = _harness.Time.GetUtcNow();
        _harness.Time.Advance(ExecutionEndedShredding.RedriveWindow - TimeSpan.FromHours(1));

        var result = await Shredding().SweepAsync();

        result.Shredded.Should().Be(0);
        (await _harness.VaultStore.GetKeyAsync(requestId)).Should().NotBeNull();
    }

    [Fact]
    public async Task SweepAsync_RedrivenExecutionRunning_Keeps()
    {
        var requestId = await FailedRequestAsync();
        _executions.StoppedAt[FunctionHarness.ExecutionOf(requestId)] = null;
        _harness.Time.Advance(TimeSpan.FromDays(30));

        var result = await Shredding().SweepAsync();

        result.Shredded.Should().Be(0);
        (await _harness.VaultStore.GetKeyAsync(requestId)).Should().NotBeNull();
    }

    [Fact]
    public async Task SweepAsync_Repeated_ShredsOnce()
    {
        var requestId = await FailedRequestAsync();
        _executions.StoppedAt[FunctionHarness.ExecutionOf(requestId)] = _harness.Time.GetUtcNow();
        _harness.Time.Advance(TimeSpan.FromDays(15));

        await Shredding().SweepAsync();
        var second = await Shredding().SweepAsync();

        second.Should().Be(new ShredSweepResult(Examined: 1, Shredded: 0));
    }

    private ExecutionEndedShredding Shredding() => new(_harness.Services.Shred, new SubjectVault(_harness.VaultStore, NotPermitted.KeyWrapper("sweep test"), _harness.Time), _harness.Requests, _executions, _harness.Time);

    private async Task<string> FailedRequestAsync()
    {
        var requestId = await _harness.StartedRequestAsync();
        await _harness.Function("Ledger").HandleAsync(
            FunctionHarness.StepPayload(requestId, ("event", "ExecutionEnded"), ("status", "FAILED")), CancellationToken.None);
        return requestId;
    }

    public void Dispose() => _harness.Dispose();

    private sealed class FakeExecutionEnds : IExecutionEnds
    {
        public Dictionary<string, DateTimeOffset?> StoppedAt { get; } = new(StringComparer.Ordinal);

        public Task<DateTimeOffset?> StoppedAtAsync(string executionId, CancellationToken cancellationToken = default) =>
            Task.FromResult(StoppedAt.TryGetValue(executionId, out var at) ? at : DateTimeOffset.MinValue);
    }
}
