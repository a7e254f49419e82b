using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Gdpr.Workflows.Engine.Integrations.Messaging;

/// <summary>A message published to a local SNS topic.</summary>
/// <param name="SequenceNumber">Set for FIFO topics only.</param>
public sealed record LocalTopicMessage(
    string MessageId,
    string TopicArn,
    string Message,
    string? Subject,
    string? MessageStructure,
    IReadOnlyDictionary<string, LocalMessageAttribute> MessageAttributes,
    string? MessageGroupId,
    string? MessageDeduplicationId,
    string? SequenceNumber,
    DateTimeOffset Timestamp);

/// <summary>What SNS Publish is asked to send.</summary>
public sealed record LocalPublishRequest(
    string Message,
    string? Subject = null,
    string? MessageStructure = null,
    IReadOnlyDictionary<string, LocalMessageAttribute>? MessageAttributes = null,
    string? MessageGroupId = null,
    string? MessageDeduplicationId = null);

/// <summary>An in-process SNS topic: keeps every message it accepts and hands each to its subscribers.</summary>
public interface ILocalTopic
{
    string Arn { get; }

    string Name { get; }

    /// <summary>True for a topic whose name ends in <c>.fifo</c>.</summary>
    bool IsFifo { get; }

    IReadOnlyList<LocalTopicMessage> Messages { get; }

    /// <summary>Errors thrown by subscribers (they do not fail the publisher).</summary>
    IReadOnlyCollection<Exception> SubscriberFailures { get; }

    /// <summary>Calls <paramref name="subscriber"/> for every later message, on the thread pool; dispose to unsubscribe.</summary>
    IDisposable Subscribe(Func<LocalTopicMessage, CancellationToken, Task> subscriber);

    /// <summary>
    /// Publishes as SNS does, throwing <see cref="LocalServiceException"/> where SNS would refuse. The same
    /// <paramref name="idempotencyKey"/> again returns the first message and publishes nothing.
    /// </summary>
    LocalTopicMessage Publish(LocalPublishRequest request, string? idempotencyKey = null);
}

/// <summary>The local SNS topics, found by ARN.</summary>
public interface ILocalTopicRegistry
{
    /// <summary>Creates the topic (or returns the existing one of that name).</summary>
    ILocalTopic CreateTopic(string name, bool contentBasedDeduplication = false);

    bool TryGetTopic(string topicArn, [NotNullWhen(true)] out ILocalTopic? topic);

    IReadOnlyCollection<ILocalTopic> Topics { get; }
}

/// <summary>In-memory <see cref="ILocalTopicRegistry"/>; topic ARNs are <c>arn:partition:sns:region:account:name</c>.</summary>
public sealed class LocalTopicRegistry(
    string region = "us-east-1",
    string accountId = "123456789012",
    string partition = "aws",
    TimeProvider? timeProvider = null) : ILocalTopicRegistry
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, LocalTopic> topics = new(StringComparer.Ordinal);

    public IReadOnlyCollection<ILocalTopic> Topics => [.. topics.Values];

    public ILocalTopic CreateTopic(string name, bool contentBasedDeduplication = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var arn = $"arn:{partition}:sns:{region}:{accountId}:{name}";
        return topics.GetOrAdd(arn, _ => new LocalTopic(arn, name, contentBasedDeduplication, timeProvider ?? TimeProvider.System));
    }

    public bool TryGetTopic(string topicArn, [NotNullWhen(true)] out ILocalTopic? topic)
    {
        topic = topics.TryGetValue(topicArn, out var found) ? found : null;
        return topic is not null;
    }

    private sealed class LocalTopic(string arn, string name, bool contentBasedDeduplication, TimeProvider time) : ILocalTopic
    {
        private readonly MessageLog<LocalTopicMessage> log = new();

        public string Arn { get; } = arn;

        public string Name { get; } = name;

        public bool IsFifo { get; } = name.EndsWith(".fifo", StringComparison.Ordinal);

        public IReadOnlyList<LocalTopicMessage> Messages => log.Messages;

        public IReadOnlyCollection<Exception> SubscriberFailures => log.SubscriberFailures;

        public IDisposable Subscribe(Func<LocalTopicMessage, CancellationToken, Task> subscriber) => log.Subscribe(subscriber);

        public LocalTopicMessage Publish(LocalPublishRequest request, string? idempotencyKey = null)
        {
            Validate(request);
            return log.Append(idempotencyKey, sequence => new LocalTopicMessage(
                idempotencyKey is null ? Guid.NewGuid().ToString() : AwsServiceResponses.DeterministicUuid("sns:" + idempotencyKey),
                Arn,
                request.Message,
                request.Subject,
                request.MessageStructure,
                request.MessageAttributes ?? new Dictionary<string, LocalMessageAttribute>(),
                request.MessageGroupId,
                request.MessageDeduplicationId,
                IsFifo ? sequence.ToString("D20", CultureInfo.InvariantCulture) : null,
                time.GetUtcNow()));
        }

        private void Validate(LocalPublishRequest request)
        {
            if (string.IsNullOrEmpty(request.Message))
            {
                throw InvalidParameter("Invalid parameter: Empty message");
            }

            if (IsFifo && request.MessageGroupId is null)
            {
                throw InvalidParameter("Invalid parameter: The MessageGroupId parameter is required for FIFO topics");
            }

            if (IsFifo && request.MessageDeduplicationId is null && !contentBasedDeduplication)
            {
                throw InvalidParameter(
                    "Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
            }

            if (!IsFifo && request.MessageGroupId is not null)
            {
                throw InvalidParameter(
                    "Invalid parameter: MessageGroupId Reason: The request includes MessageGroupId parameter that is not valid for this topic type");
            }
        }

        private static LocalServiceException InvalidParameter(string message) =>
            new("InvalidParameterException", "InvalidParameter", 400, message);
    }
}
