using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Connector.Receiver;

/// <summary>The connector's pull, one poll at a time so each run's end (delivered, closed...) is reported.</summary>
public sealed class ConnectorLoop(ErasureConnector connector, Report report)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                foreach (var run in await connector.PollOnceAsync(connector.Options.PollWait, cancellationToken))
                {
                    report.Write(new JsonObject { ["event"] = "run", ["taskId"] = run.TaskId, ["status"] = run.Status, ["outcome"] = run.Outcome });
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TransientApiException or TaskCanceledException)
            {
                // The API is down or slow: try again shortly, as PullAsync does.
                report.Write(new JsonObject { ["event"] = "unreachable", ["error"] = e.GetType().Name });
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }
}
