using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Engine.Persistence;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Local.Composition;

namespace Gdpr.Workflows.Local;

/// <summary>
/// template.yaml's ExecutionEndedRule on the local host: an execution stopped, timed out or failed is recorded by the
/// ledger and its vault entry shredded, as EventBridge would invoke the Ledger and VaultShredder functions, in the
/// background after the end as EventBridge does; and again at start for ends no process was there to record.
/// </summary>
internal sealed class ExecutionEndedRule(LocalServices services, IExecutionStore executions, ActivityMonitor activity, Action<string?, string>? log)
{
    private readonly List<Task> targets = [];
    private readonly Lock gate = new();

    /// <summary>Runs the rule's targets for <paramref name="end"/> in the background (see <see cref="PendingAsync"/>).</summary>
    public void OnExecutionEnded(ExecutionRecord end)
    {
        var run = Task.Run(async () =>
        {
            using var running = activity.Begin();
            await RunTargetsAsync(ExecutionNames.RequestIdOf(end.Name), end.ExecutionArn, StatusOf(end.Status), CancellationToken.None);
        });
        lock (gate)
        {
            targets.RemoveAll(t => t.IsCompleted);
            targets.Add(run);
        }
    }

    /// <summary>Completes when every target started so far has run.</summary>
    public Task PendingAsync()
    {
        lock (gate)
        {
            return Task.WhenAll([.. targets]);
        }
    }

    /// <summary>
    /// EventBridge retries its targets; the local stand-in repeats them at start for open requests whose execution
    /// ended abnormally while no process was there to record it (both targets are idempotent).
    /// </summary>
    public async Task ReplayAsync(CancellationToken cancellationToken)
    {
        string? token = null;
        var ended = new List<(string RequestId, string Arn, string Status)>();
        do
        {
            var page = await services.Stores.Requests.QueryOpenByDeadlineAsync(IRequestStore.MaxPageSize, token, cancellationToken);
            foreach (var request in page.Items.Where(r => r.ExecutionId is not null))
            {
                var execution = await executions.GetExecutionAsync(request.ExecutionId!, cancellationToken);
                if (execution is { Status: ExecutionStatus.Failed or ExecutionStatus.TimedOut or ExecutionStatus.Aborted })
                {
                    ended.Add((request.RequestId, execution.ExecutionArn, StatusOf(execution.Status)));
                }
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        foreach (var (requestId, arn, status) in ended)
        {
            await RunTargetsAsync(requestId, arn, status, cancellationToken);
        }
    }

    /// <summary>The status as the rule's event names it.</summary>
    private static string StatusOf(ExecutionStatus status) => status switch
    {
        ExecutionStatus.Aborted => "ABORTED",
        ExecutionStatus.TimedOut => "TIMED_OUT",
        _ => "FAILED",
    };

    private async Task RunTargetsAsync(string requestId, string executionArn, string status, CancellationToken cancellationToken)
    {
        log?.Invoke(requestId, $"execution ended {status}: recording it and shredding the vault entry");
        await services.Ledger.ExecutionEndedAsync(requestId, executionArn, status, cancellationToken);
        await services.Shred.ShredAsync(requestId, executionArn, status, cancellationToken);
    }
}
