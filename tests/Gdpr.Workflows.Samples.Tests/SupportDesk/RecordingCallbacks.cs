using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Samples.Tests.SupportDesk;

/// <summary>The callback API as the desk sees it: records answers; tokens listed in <see cref="Closed"/> answer Conflict.</summary>
internal sealed class RecordingCallbacks : ITaskCallbacks
{
    public List<(string Token, ErasureAnswer Answer)> Completed { get; } = [];

    public List<(string Token, string Error)> Failed { get; } = [];

    public List<string> Heartbeats { get; } = [];

    public HashSet<string> Closed { get; } = [];

    public Task CompleteAsync(string taskToken, ErasureAnswer answer, CancellationToken cancellationToken = default)
    {
        Check(taskToken);
        Completed.Add((taskToken, answer));
        Closed.Add(taskToken);
        return Task.CompletedTask;
    }

    public Task HeartbeatAsync(string taskToken, CancellationToken cancellationToken = default)
    {
        Check(taskToken);
        Heartbeats.Add(taskToken);
        return Task.CompletedTask;
    }

    public Task FailAsync(string taskToken, string error, CancellationToken cancellationToken = default)
    {
        Check(taskToken);
        Failed.Add((taskToken, error));
        Closed.Add(taskToken);
        return Task.CompletedTask;
    }

    private void Check(string token)
    {
        if (Closed.Contains(token))
        {
            throw new ConflictException("The task was already answered.");
        }
    }
}
