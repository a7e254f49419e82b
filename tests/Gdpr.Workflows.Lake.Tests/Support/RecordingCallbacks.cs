using System.Collections.Concurrent;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Lake.Tests.Support;

/// <summary>The workflow's callback port as the tests see it: each answer recorded under its task token.</summary>
public sealed class RecordingCallbacks : ITaskCallbacks
{
    public ConcurrentDictionary<string, ErasureAnswer> Completed { get; } = new();

    public ConcurrentDictionary<string, string> Failed { get; } = new();

    public ConcurrentBag<string> Heartbeats { get; } = [];

    public Task CompleteAsync(string taskToken, ErasureAnswer answer, CancellationToken cancellationToken = default)
    {
        Completed[taskToken] = answer;
        return Task.CompletedTask;
    }

    public Task HeartbeatAsync(string taskToken, CancellationToken cancellationToken = default)
    {
        Heartbeats.Add(taskToken);
        return Task.CompletedTask;
    }

    public Task FailAsync(string taskToken, string error, CancellationToken cancellationToken = default)
    {
        Failed[taskToken] = error;
        return Task.CompletedTask;
    }
}
