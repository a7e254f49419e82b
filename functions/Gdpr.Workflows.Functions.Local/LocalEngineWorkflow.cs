using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine;
using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Functions.Local;

/// <summary>
/// The workflow ports on the local engine, as <c>StepFunctionsWorkflow</c> is on AWS: executions named after the
/// request id, stops, and answers to waiting tasks. The state machine is known only once the template is deployed,
/// which needs the services (and so this object) first: set <see cref="StateMachineArn"/> after
/// <c>SamDeployment.Deploy</c> from <c>deployment.StateMachineArns["ErasureStateMachine"]</c>.
/// </summary>
public sealed class LocalEngineWorkflow(LocalStepFunctions engine) : IWorkflowStarter, IWorkflowTasks, IWorkflowExecutions
{
    /// <summary>The erasure state machine executions are started on.</summary>
    public string? StateMachineArn { get; set; }

    public Task<WorkflowStart> StartAsync(string requestId, CancellationToken cancellationToken = default) => StartRunAsync(requestId, 1, cancellationToken);

    public async Task<WorkflowStart> StartRunAsync(string requestId, int run, CancellationToken cancellationToken = default)
    {
        var machine = StateMachineArn ?? throw new InvalidOperationException("Set StateMachineArn once the template is deployed.");
        var name = ExecutionNames.Of(requestId, run);
        try
        {
            var input = new JsonObject { ["requestId"] = requestId }.ToJsonString();
            return new WorkflowStart(await engine.StartExecutionAsync(machine, input, name, cancellationToken), AlreadyStarted: false);
        }
        catch (StepFunctionsApiException e) when (e.Code == "ExecutionAlreadyExists")
        {
            return new WorkflowStart(ExecutionArn(machine, name), AlreadyStarted: true);
        }
    }

    public async Task<WorkflowStopResult> StopAsync(string requestId, string? executionId, string error, string cause, CancellationToken cancellationToken = default)
    {
        var arn = executionId ?? ExecutionArn(StateMachineArn ?? throw new InvalidOperationException("Set StateMachineArn once the template is deployed."), requestId);
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

    public Task<WorkflowRun> DescribeAsync(string requestId, string? executionId, CancellationToken cancellationToken = default) =>
        EngineExecutions.DescribeAsync(engine, executionId ?? ExecutionArn(StateMachineArn ?? throw new InvalidOperationException("Set StateMachineArn once the template is deployed."), requestId), cancellationToken);

    public Task<TaskAnswerResult> SendSuccessAsync(string taskToken, string outputJson, CancellationToken cancellationToken = default) =>
        Answer(() => engine.SendTaskSuccessAsync(taskToken, outputJson, cancellationToken));

    public Task<TaskAnswerResult> SendFailureAsync(string taskToken, string error, string cause, CancellationToken cancellationToken = default) =>
        Answer(() => engine.SendTaskFailureAsync(taskToken, error, cause, cancellationToken));

    public Task<TaskAnswerResult> SendHeartbeatAsync(string taskToken, CancellationToken cancellationToken = default) =>
        Answer(() => engine.SendTaskHeartbeatAsync(taskToken, cancellationToken));

    private static string ExecutionArn(string stateMachineArn, string requestId) =>
        stateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":" + requestId;

    private static async Task<TaskAnswerResult> Answer(Func<Task> send)
    {
        try
        {
            await send();
            return TaskAnswerResult.Delivered;
        }
        catch (StepFunctionsApiException e) when (e.Code is "TaskTimedOut")
        {
            return TaskAnswerResult.TaskClosed;
        }
        catch (StepFunctionsApiException e) when (e.Code is "TaskDoesNotExist" or "InvalidToken")
        {
            return TaskAnswerResult.UnknownToken;
        }
    }
}
