using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine;
using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Local;

/// <summary>
/// Starts and stops erasure executions on the local engine, as StartExecution / StopExecution would on AWS:
/// the execution is named after the request id and its input is <c>{"requestId"}</c> only.
/// </summary>
public sealed class LocalWorkflowStarter(LocalStepFunctions engine, string stateMachineArn) : IWorkflowStarter, IWorkflowExecutions
{
    public string StateMachineArn { get; } = stateMachineArn;

    /// <summary>The ARN the execution named <paramref name="executionName"/> (the request id, for its first run) has or will have.</summary>
    public string ExecutionArnOf(string executionName) => StateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":" + executionName;

    public Task<WorkflowStart> StartAsync(string requestId, CancellationToken cancellationToken = default) => StartRunAsync(requestId, 1, cancellationToken);

    public async Task<WorkflowStart> StartRunAsync(string requestId, int run, CancellationToken cancellationToken = default)
    {
        var name = ExecutionNames.Of(requestId, run);
        var arn = ExecutionArnOf(name);
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

    public Task<WorkflowRun> DescribeAsync(string requestId, string? executionId, CancellationToken cancellationToken = default) =>
        Functions.Local.EngineExecutions.DescribeAsync(engine, executionId ?? ExecutionArnOf(requestId), cancellationToken);

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
