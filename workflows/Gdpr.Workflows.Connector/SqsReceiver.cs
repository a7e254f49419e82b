using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Gdpr.Workflows.Connector;

/// <summary>
/// Queue: receives from the system's SQS queue subscribed to the ErasureTasksTopic (raw delivery or the SNS envelope),
/// runs each task and deletes the message once it was answered; a message whose run failed comes back after its
/// visibility timeout (at-least-once), and the runner drops repeats by task id.
/// </summary>
public sealed class SqsReceiver(IAmazonSQS sqs, string queueUrl, ErasureTaskRunner runner)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await ReceiveOnceAsync(20, cancellationToken);
        }
    }

    /// <summary>One receive (long poll up to <paramref name="waitSeconds"/>): each message run and, when done, deleted.</summary>
    public async Task<IReadOnlyList<TaskRun>> ReceiveOnceAsync(int waitSeconds, CancellationToken cancellationToken = default)
    {
        var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = waitSeconds }, cancellationToken);
        var runs = new List<TaskRun>();
        foreach (var message in received.Messages ?? [])
        {
            var task = ErasureTask.TryParse(Unwrap(message.Body));
            if (task is not null)
            {
                runs.Add(await runner.RunAsync(task, "sqs", cancellationToken));
            }

            // Not a task (nothing to do) or handled: either way the message is done.
            await sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle, cancellationToken);
        }

        return runs;
    }

    private static JsonNode? Unwrap(string body)
    {
        try
        {
            var node = JsonNode.Parse(body);
            return node?["Type"]?.GetValue<string>() == "Notification" && node["Message"] is JsonValue inner ? JsonNode.Parse(inner.GetValue<string>()) : node;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
