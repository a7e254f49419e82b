using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Integrations;

namespace Gdpr.Workflows.Engine.Execution;

/// <summary>A task waiting for its token to be answered, with HeartbeatSeconds restarted by each heartbeat.</summary>
internal sealed class TokenWaiter(TimeProvider time)
{
    private readonly TaskCompletionSource<JsonObject> answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long heartbeats;

    public void Complete(JsonObject outcome) => answer.TrySetResult(outcome);

    public void Heartbeat() => Interlocked.Increment(ref heartbeats);

    public async Task<JsonObject> WaitAsync(int? heartbeatSeconds, CancellationToken ct)
    {
        if (heartbeatSeconds is null)
        {
            return await answer.Task.WaitAsync(ct);
        }

        while (true)
        {
            var seen = Interlocked.Read(ref heartbeats);
            using var beat = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var delay = Task.Delay(TimeSpan.FromSeconds(heartbeatSeconds.Value), time, beat.Token);
            if (await Task.WhenAny(answer.Task, delay) == answer.Task)
            {
                await beat.CancelAsync();
                return await answer.Task;
            }

            ct.ThrowIfCancellationRequested();
            if (Interlocked.Read(ref heartbeats) == seen)
            {
                throw new TaskFailedException(Data.ErrorNames.HeartbeatTimeout, null);
            }
        }
    }
}
