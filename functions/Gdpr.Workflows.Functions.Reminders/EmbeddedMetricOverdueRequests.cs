using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Functions.Reminders;

/// <summary>
/// Publishes the metric in CloudWatch's embedded metric format: one JSON line on standard output, which Lambda sends to
/// the function's log group and CloudWatch Logs turns into the metric. No API call, so no latency or retry of its own.
/// </summary>
public sealed class EmbeddedMetricOverdueRequests(TextWriter output, string stage, TimeProvider timeProvider) : IOverdueRequestsMetric
{
    public const string Namespace = "Gdpr/Workflows";
    public const string MetricName = "OverdueRequests";

    public async Task PublishAsync(int overdueRequests, CancellationToken cancellationToken = default)
    {
        var line = new JsonObject
        {
            ["_aws"] = new JsonObject
            {
                ["Timestamp"] = timeProvider.GetUtcNow().ToUnixTimeMilliseconds(),
                ["CloudWatchMetrics"] = new JsonArray(new JsonObject
                {
                    ["Namespace"] = Namespace,
                    ["Dimensions"] = new JsonArray(new JsonArray("Stage")),
                    ["Metrics"] = new JsonArray(new JsonObject { ["Name"] = MetricName, ["Unit"] = "Count" }),
                }),
            },
            ["Stage"] = stage,
            [MetricName] = overdueRequests,
        };
        await output.WriteLineAsync(line.ToJsonString().AsMemory(), cancellationToken);
        await output.FlushAsync(cancellationToken);
    }
}
