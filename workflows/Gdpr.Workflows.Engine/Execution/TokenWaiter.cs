using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Integrations;

namespace Gdpr.Workflows.Engine.Execution;

/// <summary>
/// A task waiting for its token to be answered. With HeartbeatSeconds, the task fails with
/// States.HeartbeatTimeout when that long passes after the wait began or after the last heartbeat.
/// </summary>
internal sealed class TokenWaiter(TimeProvider time)
{
    private readonly TaskCompletionSource<JsonObject> answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long lastBeatTicks = time.GetUtcNow().UtcTicks;

    public void Complete(JsonObject outcome) => answer.TrySetResult(outcome);

    public void Heartbeat() => Interlocked.Exchange(ref lastBeatTicks, time.GetUtcNow().UtcTicks);

    public async Task<JsonObject> WaitAsync(int? heartbeatSeconds, CancellationToken ct)
    {
        if (heartbeatSeconds is null)
        {
            return await answer.Task.WaitAsync(ct);
        }

        var interval = TimeSpan.FromSeconds(heartbeatSeconds.Value);
        while (true)
        {
            var due = new DateTimeOffset(Interlocked.Read(ref lastBeatTicks), TimeSpan.Zero) + interval;
            var remaining = due - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                throw new TaskFailedException(Data.ErrorNames.HeartbeatTimeout, null);
            }

            using var beat = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var delay = Task.Delay(LongDelay.Step(remaining), time, beat.Token);
            if (await Task.WhenAny(answer.Task, delay) == answer.Task)
            {
                await beat.CancelAsync();
                return await answer.Task;
            }

            ct.ThrowIfCancellationRequested();
        }
    }
}
