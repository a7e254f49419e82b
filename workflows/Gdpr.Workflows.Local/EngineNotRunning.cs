using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Local;

/// <summary>The workflow port of a host opened without its engine: every use says why it is not there.</summary>
internal sealed class EngineNotRunning(GdprHome home) : IWorkflowStarter, IWorkflowTasks, IWorkflowExecutions
{
    public Task<WorkflowRun> DescribeAsync(string requestId, string? executionId, CancellationToken cancellationToken = default) => throw Fail();

    public Task<WorkflowStart> StartAsync(string requestId, CancellationToken cancellationToken = default) => throw Fail();

    public Task<WorkflowStart> StartRunAsync(string requestId, int run, CancellationToken cancellationToken = default) => throw Fail();

    public Task<WorkflowStopResult> StopAsync(string requestId, string? executionId, string error, string cause, CancellationToken cancellationToken = default) => throw Fail();

    public Task<TaskAnswerResult> SendSuccessAsync(string taskToken, string outputJson, CancellationToken cancellationToken = default) => throw Fail();

    public Task<TaskAnswerResult> SendFailureAsync(string taskToken, string error, string cause, CancellationToken cancellationToken = default) => throw Fail();

    public Task<TaskAnswerResult> SendHeartbeatAsync(string taskToken, CancellationToken cancellationToken = default) => throw Fail();

    private InvalidOperationException Fail() => new($"The engine is not running in this process (data directory {home.Directory}); this command only reads.");
}

