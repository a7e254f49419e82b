using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine;
using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Engine.Sam;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Local;

/// <summary>
/// The workflow ports on the local engine, as <c>StepFunctionsWorkflow</c> is on AWS: executions named after the request
/// id with <c>{"requestId"}</c> as their only input (StartExecution), stops (StopExecution), where an execution stands
/// (DescribeExecution), and answers to waiting tasks (SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat).
/// </summary>
public sealed class LocalEngineWorkflow(LocalStepFunctions engine, string stateMachineArn) : IWorkflowStarter, IWorkflowTasks, IWorkflowExecutions
{
    /// <summary>The logical id of the erasure workflow in template.yaml.</summary>
    public const string ErasureStateMachine = "ErasureStateMachine";

    /// <summary>The erasure state machine executions are started on.</summary>
    public string StateMachineArn { get; } = stateMachineArn;

    /// <summary>
    /// The ARN <paramref name="template"/>'s erasure state machine has once deployed on <paramref name="engine"/>: known
    /// before the deployment, which needs the services (and so this workflow) first.
    /// </summary>
    public static string ErasureStateMachineArn(LocalStepFunctions engine, SamTemplate template)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(template);
        var machine = template.StateMachines.TryGetValue(ErasureStateMachine, out var found)
            ? found
            : throw new InvalidOperationException($"{template.TemplatePath} has no {ErasureStateMachine}: it is not this repository's template.");
        return $"arn:aws:states:{engine.Options.Region}:{engine.Options.AccountId}:stateMachine:{machine.Name}";
    }

    /// <summary>The ARN the execution named <paramref name="executionName"/> (the request id, for its first run) has or will have.</summary>
    public string ExecutionArnOf(string executionName) => StateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":" + executionName;

    public Task<WorkflowStart> StartAsync(string requestId, CancellationToken cancellationToken = default) => StartRunAsync(requestId, 1, cancellationToken);

    public async Task<WorkflowStart> StartRunAsync(string requestId, int run, CancellationToken cancellationToken = default)
    {
        var name = ExecutionNames.Of(requestId, run);
        var arn = ExecutionArnOf(name);
        // The engine, as AWS, accepts a second start with the same name and input while the first runs: asking first
        // reports it as already started.
        if (await ExistsAsync(arn, cancellationToken))
        {
            return new WorkflowStart(arn, AlreadyStarted: true);
        }

        try
        {
            var input = new JsonObject { ["requestId"] = requestId }.ToJsonString();
            return new WorkflowStart(await engine.StartExecutionAsync(StateMachineArn, input, name, cancellationToken), AlreadyStarted: false);
        }
        catch (StepFunctionsApiException e) when (e.Code == "ExecutionAlreadyExists")
        {
            return new WorkflowStart(arn, AlreadyStarted: true);
        }
    }

    public async Task<WorkflowStopResult> StopAsync(string requestId, string? executionId, string error, string cause, CancellationToken cancellationToken = default)
    {
        var arn = executionId ?? ExecutionArnOf(requestId);
        try
        {
            await engine.StopExecutionAsync(arn, error, cause, cancellationToken);
            return WorkflowStopResult.Stopped;
        }
        catch (StepFunctionsApiException e) when (e.Code == "ExecutionNotRunning")
        {
            return WorkflowStopResult.NotRunning;
        }
        catch (StepFunctionsApiException e) when (e.IsNotFound)
        {
            return WorkflowStopResult.NotFound;
        }
    }

    public async Task<WorkflowRun> DescribeAsync(string requestId, string? executionId, CancellationToken cancellationToken = default)
    {
        try
        {
            var execution = await engine.DescribeExecutionAsync(executionId ?? ExecutionArnOf(requestId), cancellationToken);
            return execution.Status == ExecutionStatus.Running
                ? new WorkflowRun(WorkflowRunState.Running)
                : new WorkflowRun(WorkflowRunState.Ended, execution.Status.ToString(), execution.Error);
        }
        catch (StepFunctionsApiException e) when (e.IsNotFound)
        {
            return new WorkflowRun(WorkflowRunState.NotFound);
        }
    }

    public Task<TaskAnswerResult> SendSuccessAsync(string taskToken, string outputJson, CancellationToken cancellationToken = default) =>
        AnswerAsync(() => engine.SendTaskSuccessAsync(taskToken, outputJson, cancellationToken));

    public Task<TaskAnswerResult> SendFailureAsync(string taskToken, string error, string cause, CancellationToken cancellationToken = default) =>
        AnswerAsync(() => engine.SendTaskFailureAsync(taskToken, error, cause, cancellationToken));

    public Task<TaskAnswerResult> SendHeartbeatAsync(string taskToken, CancellationToken cancellationToken = default) =>
        AnswerAsync(() => engine.SendTaskHeartbeatAsync(taskToken, cancellationToken));

    private static async Task<TaskAnswerResult> AnswerAsync(Func<Task> send)
    {
        try
        {
            await send();
            return TaskAnswerResult.Delivered;
        }
        catch (StepFunctionsApiException e) when (e.Code is "InvalidToken" or "TaskDoesNotExist")
        {
            return TaskAnswerResult.UnknownToken;
        }
        catch (StepFunctionsApiException e) when (e.Code == "TaskTimedOut")
        {
            return TaskAnswerResult.TaskClosed;
        }
    }

    private async Task<bool> ExistsAsync(string arn, CancellationToken cancellationToken)
    {
        try
        {
            await engine.DescribeExecutionAsync(arn, cancellationToken);
            return true;
        }
        catch (StepFunctionsApiException e) when (e.IsNotFound)
        {
            return false;
        }
    }
}
