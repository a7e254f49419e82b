using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Functions.Tests.Support;

/// <summary>Stands in for Step Functions: records starts and stops, describes them, and answers issued task tokens once.</summary>
internal sealed class RecordingWorkflow : IWorkflowStarter, IWorkflowTasks, IWorkflowExecutions
{
    private readonly Dictionary<string, string?> _answers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _running = new(StringComparer.Ordinal);

    public List<string> Starts { get; } = [];

    public List<string> Stops { get; } = [];

    public int Heartbeats { get; private set; }

    public static string ExecutionIdOf(string requestId) => $"arn:aws:states:eu-west-2:123456789012:execution:gdpr-workflows-dev-erasure:{requestId}";

    public void Issue(string token) => _answers[token] = null;

    public string? AnswerOf(string token) => _answers[token];

    public Task<WorkflowStart> StartAsync(string requestId, CancellationToken cancellationToken = default)
    {
        var already = Starts.Contains(requestId);
        Starts.Add(requestId);
        _running.Add(requestId);
        return Task.FromResult(new WorkflowStart(ExecutionIdOf(requestId), already));
    }

    /// <summary>Run 1 is <see cref="StartAsync"/>; a later run (a reopened request) is recorded as "requestId#run".</summary>
    public Task<WorkflowStart> StartRunAsync(string requestId, int run, CancellationToken cancellationToken = default) =>
        run == 1 ? StartAsync(requestId, cancellationToken) : StartAsync($"{requestId}#{run}", cancellationToken);

    public Task<WorkflowStopResult> StopAsync(string requestId, string? executionId, string error, string cause, CancellationToken cancellationToken = default)
    {
        Stops.Add(requestId);
        return Task.FromResult(_running.Remove(requestId) ? WorkflowStopResult.Stopped : WorkflowStopResult.NotRunning);
    }

    /// <summary>Running once started until stopped; stopped is ended (ABORTED); never started (or <see cref="Lose"/>) is not found.</summary>
    public Task<WorkflowRun> DescribeAsync(string requestId, string? executionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_running.Contains(requestId) ? new WorkflowRun(WorkflowRunState.Running)
            : Starts.Contains(requestId) ? new WorkflowRun(WorkflowRunState.Ended, "ABORTED", "Erasure.Stopped")
            : new WorkflowRun(WorkflowRunState.NotFound));

    /// <summary>Forgets a request's execution, as when intake stored the request but StartExecution never succeeded.</summary>
    public void Lose(string requestId)
    {
        Starts.RemoveAll(r => r == requestId);
        _running.Remove(requestId);
    }

    public Task<TaskAnswerResult> SendSuccessAsync(string taskToken, string outputJson, CancellationToken cancellationToken = default) =>
        Task.FromResult(Answer(taskToken, outputJson));

    public Task<TaskAnswerResult> SendFailureAsync(string taskToken, string error, string cause, CancellationToken cancellationToken = default) =>
        Task.FromResult(Answer(taskToken, "error:" + error));

    public Task<TaskAnswerResult> SendHeartbeatAsync(string taskToken, CancellationToken cancellationToken = default)
    {
        var result = !_answers.TryGetValue(taskToken, out var answer) ? TaskAnswerResult.UnknownToken
            : answer is not null ? TaskAnswerResult.TaskClosed
            : TaskAnswerResult.Delivered;
        Heartbeats += result == TaskAnswerResult.Delivered ? 1 : 0;
        return Task.FromResult(result);
    }

    private TaskAnswerResult Answer(string token, string answer)
    {
        if (!_answers.TryGetValue(token, out var existing))
        {
            return TaskAnswerResult.UnknownToken;
        }

        if (existing is not null)
        {
            return TaskAnswerResult.TaskClosed;
        }

        _answers[token] = answer;
        return TaskAnswerResult.Delivered;
    }
}
