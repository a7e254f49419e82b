using Gdpr.Workflows.Contracts;
using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Local;

/// <summary>
/// The workflow's task port with the inbox kept in step: whichever path answers a task (the API, the CLI, the
/// sample support desk in process), the inbox records it, so an answered task never lingers in a task list.
/// </summary>
public sealed class InboxRecordingTasks(IWorkflowTasks inner, TaskInbox inbox) : IWorkflowTasks
{
    public async Task<TaskAnswerResult> SendSuccessAsync(string taskToken, string outputJson, CancellationToken cancellationToken = default) =>
        Record(taskToken, await inner.SendSuccessAsync(taskToken, outputJson, cancellationToken), "succeeded", TaskAnswerDigest.OfSuccess(outputJson));

    public async Task<TaskAnswerResult> SendFailureAsync(string taskToken, string error, string cause, CancellationToken cancellationToken = default) =>
        Record(taskToken, await inner.SendFailureAsync(taskToken, error, cause, cancellationToken), "failed", TaskAnswerDigest.OfFailure(error));

    public async Task<TaskAnswerResult> SendHeartbeatAsync(string taskToken, CancellationToken cancellationToken = default)
    {
        var result = await inner.SendHeartbeatAsync(taskToken, cancellationToken);
        if (result == TaskAnswerResult.Delivered)
        {
            inbox.RecordHeartbeat(taskToken);
        }

        return result;
    }

    private TaskAnswerResult Record(string taskToken, TaskAnswerResult result, string answer, string digest)
    {
        if (result == TaskAnswerResult.Delivered)
        {
            inbox.MarkAnswered(taskToken, answer, digest);
        }

        return result;
    }
}
