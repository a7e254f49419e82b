namespace Gdpr.Workflows.Aws.Sns;

public sealed record SnsPublishRequest
{
    public required string TopicArn { get; init; }

    /// <summary>The message body (at most 256 KiB).</summary>
    public required string Message { get; init; }

    public string? Subject { get; init; }

    public IReadOnlyDictionary<string, SnsMessageAttribute>? MessageAttributes { get; init; }

    /// <summary>FIFO topics only.</summary>
    public string? MessageGroupId { get; init; }

    /// <summary>FIFO topics without content-based deduplication only.</summary>
    public string? MessageDeduplicationId { get; init; }
}
