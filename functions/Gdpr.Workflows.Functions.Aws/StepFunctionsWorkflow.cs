using System.Text.Json.Nodes;
using Gdpr.Workflows.Aws;
using Gdpr.Workflows.Aws.StepFunctions;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Functions.Aws;

/// <summary>
/// The erasure state machine on Step Functions: starts executions named after the request id, stops them, answers
/// waiting tasks, and describes a request's execution (an officer's retry). Throttling and service faults become <see cref="TransientErasureException"/>.
/// </summary>
public sealed class StepFunctionsWorkflow(StepFunctionsClient client, string stateMachineArn) : IWorkflowStarter, IWorkflowTasks, IWorkflowExecutions
{
    public Task<WorkflowStart> StartAsync(string requestId, CancellationToken cancellationToken = default) => StartRunAsync(requestId, 1, cancellationToken);

    public async Task<WorkflowStart> StartRunAsync(string requestId, int run, CancellationToken cancellationToken = default)
    {
        var input = new JsonObject { ["requestId"] = requestId }.ToJsonString();
        var name = ExecutionNames.Of(requestId, run);
        try
        {
            var started = await Call(() => client.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = stateMachineArn, Name = name, Input = input }, cancellationToken));
            return new WorkflowStart(started.ExecutionArn, AlreadyStarted: false);
        }
        catch (AwsServiceException e) when (e.ErrorCode == StepFunctionsErrorCodes.ExecutionAlreadyExists)
        {
            return new WorkflowStart(ExecutionArn(name), AlreadyStarted: true);
        }
    }

    public async Task<WorkflowStopResult> StopAsync(string requestId, string? executionId, string error, string cause, CancellationToken cancellationToken = default)
    {
        var arn = executionId ?? ExecutionArn(requestId);
        try
        {
            var execution = await Call(() => client.DescribeExecutionAsync(arn, cancellationToken));
            if (execution.Status != ExecutionStatus.Running)
            {
                return WorkflowStopResult.NotRunning;
            }

            await Call(() => client.StopExecutionAsync(new StopExecutionRequest { ExecutionArn = arn, Error = error, Cause = cause }, cancellationToken));
            return WorkflowStopResult.Stopped;
        }
        catch (AwsServiceException e) when (e.ErrorCode == StepFunctionsErrorCodes.ExecutionDoesNotExist)
        {
            return WorkflowStopResult.NotFound;
        }
    }

    public async Task<WorkflowRun> DescribeAsync(string requestId, string? executionId, CancellationToken cancellationToken = default)
    {
        try
        {
            var execution = await Call(() => client.DescribeExecutionAsync(executionId ?? ExecutionArn(requestId), cancellationToken));
            return execution.Status == ExecutionStatus.Running ? new WorkflowRun(WorkflowRunState.Running) : new WorkflowRun(WorkflowRunState.Ended, execution.Status, execution.Error);
        }
        catch (AwsServiceException e) when (e.ErrorCode == StepFunctionsErrorCodes.ExecutionDoesNotExist)
        {
            return new WorkflowRun(WorkflowRunState.NotFound);
        }
    }

    public Task<TaskAnswerResult> SendSuccessAsync(string taskToken, string outputJson, CancellationToken cancellationToken = default) =>
        Answer(() => client.SendTaskSuccessAsync(taskToken, outputJson, cancellationToken));

    public Task<TaskAnswerResult> SendFailureAsync(string taskToken, string error, string cause, CancellationToken cancellationToken = default) =>
        Answer(() => client.SendTaskFailureAsync(taskToken, error, cause, cancellationToken));

    public Task<TaskAnswerResult> SendHeartbeatAsync(string taskToken, CancellationToken cancellationToken = default) =>
        Answer(() => client.SendTaskHeartbeatAsync(taskToken, cancellationToken));

    /// <summary><c>arn:...:stateMachine:Name</c> → <c>arn:...:execution:Name:requestId</c>.</summary>
    public string ExecutionArn(string requestId) =>
        stateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":" + requestId;

    private static async Task<TaskAnswerResult> Answer(Func<Task> send)
    {
        try
        {
            await Call(async () =>
            {
                await send();
                return true;
            });
            return TaskAnswerResult.Delivered;
        }
        catch (AwsServiceException e) when (e.ErrorCode is StepFunctionsErrorCodes.InvalidToken or StepFunctionsErrorCodes.TaskDoesNotExist)
        {
            return TaskAnswerResult.UnknownToken;
        }
        catch (AwsServiceException e) when (e.ErrorCode == StepFunctionsErrorCodes.TaskTimedOut)
        {
            return TaskAnswerResult.TaskClosed;
        }
    }

    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (AwsServiceException e) when (e.IsTransient)
        {
            throw new TransientErasureException($"Step Functions is temporarily unavailable ({e.ErrorCode}).", e);
        }
    }
}
