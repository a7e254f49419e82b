using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Gdpr.Workflows.Engine.Integrations.Messaging;

/// <summary>A message sent to a local SQS queue.</summary>
/// <param name="SequenceNumber">Set for FIFO queues only.</param>
public sealed record LocalQueueMessage(
    string MessageId,
    string QueueUrl,
    string Body,
    string Md5OfBody,
    string? Md5OfMessageAttributes,
    IReadOnlyDictionary<string, LocalMessageAttribute> MessageAttributes,
    int DelaySeconds,
    string? MessageGroupId,
    string? MessageDeduplicationId,
    string? SequenceNumber,
    DateTimeOffset SentAt);

/// <summary>What SQS SendMessage is asked to send.</summary>
public sealed record LocalSendMessageRequest(
    string Body,
    IReadOnlyDictionary<string, LocalMessageAttribute>? MessageAttributes = null,
    int DelaySeconds = 0,
    string? MessageGroupId = null,
    string? MessageDeduplicationId = null);

/// <summary>An in-process SQS queue: keeps every message it accepts and hands each to its subscribers.</summary>
public interface ILocalQueue
{
    string Url { get; }

    string Arn { get; }

    string Name { get; }

    /// <summary>True for a queue whose name ends in <c>.fifo</c>.</summary>
    bool IsFifo { get; }

    IReadOnlyList<LocalQueueMessage> Messages { get; }

    /// <summary>Errors thrown by subscribers (they do not fail the sender).</summary>
    IReadOnlyCollection<Exception> SubscriberFailures { get; }

    /// <summary>Calls <paramref name="subscriber"/> for every later message, on the thread pool; dispose to unsubscribe.</summary>
    IDisposable Subscribe(Func<LocalQueueMessage, CancellationToken, Task> subscriber);

    /// <summary>
    /// Sends as SQS does, throwing <see cref="LocalServiceException"/> where SQS would refuse. The same
    /// <paramref name="idempotencyKey"/> again returns the first message and sends nothing.
    /// </summary>
    LocalQueueMessage Send(LocalSendMessageRequest request, string? idempotencyKey = null);
}

/// <summary>The local SQS queues, found by URL.</summary>
public interface ILocalQueueRegistry
{
    /// <summary>
    /// Creates the queue (or returns the existing one of that name). Its URL is
    /// <c>https://sqs.region.amazonaws.com/account/name</c> unless <paramref name="url"/> names another.
    /// </summary>
    ILocalQueue CreateQueue(string name, string? url = null);

    /// <summary>Finds a queue by its URL; another host with the same <c>/account/name</c> path also matches, as SQS allows.</summary>
    bool TryGetQueue(string queueUrl, [NotNullWhen(true)] out ILocalQueue? queue);

    IReadOnlyCollection<ILocalQueue> Queues { get; }
}

/// <summary>In-memory <see cref="ILocalQueueRegistry"/>.</summary>
public sealed class LocalQueueRegistry(
    string region = "us-east-1",
    string accountId = "123456789012",
    string partition = "aws",
    TimeProvider? timeProvider = null) : ILocalQueueRegistry
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, LocalQueue> queues = new(StringComparer.Ordinal);

    public IReadOnlyCollection<ILocalQueue> Queues => [.. queues.Values];

    public ILocalQueue CreateQueue(string name, string? url = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return queues.GetOrAdd(name, _ => new LocalQueue(
            url ?? $"https://sqs.{region}.amazonaws.com/{accountId}/{name}",
            $"arn:{partition}:sqs:{region}:{accountId}:{name}",
            name,
            timeProvider ?? TimeProvider.System));
    }

    public bool TryGetQueue(string queueUrl, [NotNullWhen(true)] out ILocalQueue? queue)
    {
        queue = queues.Values.FirstOrDefault(q => q.Url == queueUrl)
            ?? queues.Values.FirstOrDefault(q => SamePath(q.Url, queueUrl));
        return queue is not null;
    }

    private static bool SamePath(string a, string b) =>
        Uri.TryCreate(a, UriKind.Absolute, out var ua) && Uri.TryCreate(b, UriKind.Absolute, out var ub)
        && string.Equals(ua.AbsolutePath.TrimEnd('/'), ub.AbsolutePath.TrimEnd('/'), StringComparison.Ordinal);

    private sealed class LocalQueue(string url, string arn, string name, TimeProvider time) : ILocalQueue
    {
        private readonly MessageLog<LocalQueueMessage> log = new();

        public string Url { get; } = url;

        public string Arn { get; } = arn;

        public string Name { get; } = name;

        public bool IsFifo { get; } = name.EndsWith(".fifo", StringComparison.Ordinal);

        public IReadOnlyList<LocalQueueMessage> Messages => log.Messages;

        public IReadOnlyCollection<Exception> SubscriberFailures => log.SubscriberFailures;

        public IDisposable Subscribe(Func<LocalQueueMessage, CancellationToken, Task> subscriber) => log.Subscribe(subscriber);

        public LocalQueueMessage Send(LocalSendMessageRequest request, string? idempotencyKey = null)
        {
            Validate(request);
            var attributes = request.MessageAttributes ?? new Dictionary<string, LocalMessageAttribute>();
            return log.Append(idempotencyKey, sequence => new LocalQueueMessage(
                idempotencyKey is null ? Guid.NewGuid().ToString() : AwsServiceResponses.DeterministicUuid("sqs:" + idempotencyKey),
                Url,
                request.Body,
                LocalMessageAttribute.Md5Hex(Encoding.UTF8.GetBytes(request.Body)),
                LocalMessageAttribute.Md5Of(attributes),
                attributes,
                request.DelaySeconds,
                request.MessageGroupId,
                request.MessageDeduplicationId,
                IsFifo ? sequence.ToString("D20", CultureInfo.InvariantCulture) : null,
                time.GetUtcNow()));
        }

        private void Validate(LocalSendMessageRequest request)
        {
            if (string.IsNullOrEmpty(request.Body))
            {
                throw MissingParameter("MessageBody");
            }

            if (IsFifo && request.MessageGroupId is null)
            {
                throw MissingParameter("MessageGroupId");
            }

            if (request.DelaySeconds is < 0 or > 900)
            {
                throw new LocalServiceException(
                    "AmazonSQSException",
                    "InvalidParameterValue",
                    400,
                    $"Value {request.DelaySeconds} for parameter DelaySeconds is invalid. Reason: must be between 0 and 900, if provided.");
            }
        }

        private static LocalServiceException MissingParameter(string name) =>
            new("AmazonSQSException", "MissingParameter", 400, $"The request must contain the parameter {name}.");
    }
}
