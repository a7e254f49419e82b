using Gdpr.Workflows.Engine;
using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Local;

/// <summary>Answers waiting tasks on the local engine (SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat).</summary>
public sealed class LocalWorkflowTasks(LocalStepFunctions engine) : IWorkflowTasks
{
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
}
