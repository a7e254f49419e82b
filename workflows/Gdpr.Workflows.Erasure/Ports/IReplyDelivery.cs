namespace Gdpr.Workflows.Erasure.Ports;

/// <summary>
/// The reply to a requester, ready to send. <paramref name="Address"/> is the requester's email address from the vault
/// (personal data: it goes to the delivery channel only, never into a record), or null when the request named none (the
/// officers then send it by the way the request came). The subject, text and HTML hold no identifier of the subject.
/// <paramref name="IdempotencyKey"/> is the same for a repeated delivery of the same reply.
/// </summary>
public sealed record ReplyMessage(string RequestId, string? Address, string Subject, string Text, string Html, string IdempotencyKey)
{
    public override string ToString() => $"ReplyMessage {{ RequestId = {RequestId}, Address = {(Address is null ? "none" : "<redacted>")}, Subject = {Subject} }}";
}

/// <summary>
/// Delivers replies to requesters: locally a file in the data directory (the console and <c>gdpr reply</c> read it), on AWS
/// an SNS topic an email service subscribes to. Idempotent by <see cref="ReplyMessage.IdempotencyKey"/> where the channel
/// allows. Throws <see cref="TransientConnectorException"/> for failures worth retrying.
/// </summary>
public interface IReplyDelivery
{
    Task DeliverAsync(ReplyMessage message, CancellationToken cancellationToken = default);
}

/// <summary>Keeps replies in memory, once per idempotency key: for tests and hosts without a mail channel.</summary>
public sealed class InMemoryReplyOutbox : IReplyDelivery
{
    private readonly Dictionary<string, ReplyMessage> _byKey = new(StringComparer.Ordinal);
    private readonly List<ReplyMessage> _order = [];
    private readonly Lock _gate = new();

    /// <summary>Replies in the order first delivered.</summary>
    public IReadOnlyList<ReplyMessage> Sent
    {
        get
        {
            lock (_gate)
            {
                return [.. _order];
            }
        }
    }

    public Task DeliverAsync(ReplyMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            if (_byKey.TryAdd(message.IdempotencyKey, message))
            {
                _order.Add(message);
            }
        }

        return Task.CompletedTask;
    }
}
