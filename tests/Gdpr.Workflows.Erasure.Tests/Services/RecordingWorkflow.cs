using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Erasure.Tests.Services;

/// <summary>
/// Stands in for Step Functions in service tests: records starts and stops, and keeps issued task tokens with
/// their answers so token reuse and unknown tokens behave as the real service reports them.
/// </summary>
internal sealed class RecordingWorkflow : IWorkflowStarter, IWorkflowTasks
{
    private readonly Dictionary<string, TaskState> _tokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _running = new(StringComparer.Ordinal);

    public List<string> Starts { get; } = [];

    public List<(string RequestId, string? ExecutionId, string Error, string Cause)> Stops { get; } = [];

    public int HeartbeatCount { get; private set; }

    /// <summary>Set to make the next StartAsync fail as if Step Functions were throttling.</summary>
    public bool FailNextStart { get; set; }

    public static string ExecutionIdOf(string requestId) => $"arn:aws:states:eu-west-2:123456789012:execution:gdpr-workflows-dev-erasure:{requestId}";

    public void Issue(string token) => _tokens[token] = new TaskState();

    /// <summary>Closes a task as if it had timed out.</summary>
    public void TimeOut(string token) => _tokens[token].Closed = true;

    public (string? Output, string? Error, string? Cause) AnswerOf(string token) =>
        (_tokens[token].Output, _tokens[token].Error, _tokens[token].Cause);

    public Task<WorkflowStart> StartAsync(string requestId, CancellationToken cancellationToken = default)
    {
        if (FailNextStart)
        {
            FailNextStart = false;
            throw new Erasure.Errors.TransientErasureException("throttled");
        }

        var already = Starts.Contains(requestId);
        Starts.Add(requestId);
        _running.Add(requestId);
        return Task.FromResult(new WorkflowStart(ExecutionIdOf(requestId), already));
    }

    public Task<WorkflowStart> StartRunAsync(string requestId, int run, CancellationToken cancellationToken = default)
    {
        var name = Erasure.Contracts.ExecutionNames.Of(requestId, run);
        var already = Starts.Contains(name);
        Starts.Add(name);
        _running.Add(name);
        return Task.FromResult(new WorkflowStart(ExecutionIdOf(name), already));
    }

    public Task<WorkflowStopResult> StopAsync(string requestId, string? executionId, string error, string cause, CancellationToken cancellationToken = default)
    {
        Stops.Add((requestId, executionId, error, cause));
        return Task.FromResult(_running.Remove(requestId) ? WorkflowStopResult.Stopped
            : Starts.Contains(requestId) ? WorkflowStopResult.NotRunning : WorkflowStopResult.NotFound);
    }

    public Task<TaskAnswerResult> SendSuccessAsync(string taskToken, string outputJson, CancellationToken cancellationToken = default) =>
        Task.FromResult(Answer(taskToken, s => s.Output = outputJson));

    public Task<TaskAnswerResult> SendFailureAsync(string taskToken, string error, string cause, CancellationToken cancellationToken = default) =>
        Task.FromResult(Answer(taskToken, s => (s.Error, s.Cause) = (error, cause)));

    public Task<TaskAnswerResult> SendHeartbeatAsync(string taskToken, CancellationToken cancellationToken = default)
    {
        if (!_tokens.TryGetValue(taskToken, out var state))
        {
            return Task.FromResult(TaskAnswerResult.UnknownToken);
        }

        if (state.Closed)
        {
            return Task.FromResult(TaskAnswerResult.TaskClosed);
        }

        HeartbeatCount++;
        return Task.FromResult(TaskAnswerResult.Delivered);
    }

    private TaskAnswerResult Answer(string token, Action<TaskState> record)
    {
        if (!_tokens.TryGetValue(token, out var state))
        {
            return TaskAnswerResult.UnknownToken;
        }

        if (state.Closed)
        {
            return TaskAnswerResult.TaskClosed;
        }

        record(state);
        state.Closed = true;
        return TaskAnswerResult.Delivered;
    }

    private sealed class TaskState
    {
        public bool Closed { get; set; }

        public string? Output { get; set; }

        public string? Error { get; set; }

        public string? Cause { get; set; }
    }
}
