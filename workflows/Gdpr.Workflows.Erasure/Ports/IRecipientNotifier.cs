using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Subjects;

namespace Gdpr.Workflows.Erasure.Ports;

/// <summary>
/// An Art. 19 notice: tell <paramref name="Recipient"/> that the subject's data disclosed to it by
/// <paramref name="System"/> must be erased. <paramref name="Subject"/> is personal data: it goes to the recipient only.
/// <paramref name="IdempotencyKey"/> is the same for a repeated notice, so the notifier can send it once.
/// </summary>
public sealed record RecipientNotice(Recipient Recipient, string RequestId, string System, SubjectIdentifiers Subject, string IdempotencyKey);

/// <summary>What the recipient did with a notice.</summary>
public enum RecipientDelivery
{
    /// <summary>Handed over (mail sent, API accepted it).</summary>
    Sent,

    /// <summary>The recipient confirmed the erasure.</summary>
    Acknowledged,
}

/// <summary>
/// Sends Art. 19 notices. Idempotent by <see cref="RecipientNotice.IdempotencyKey"/>. Throws
/// <see cref="TransientConnectorException"/> for failures worth retrying.
/// </summary>
public interface IRecipientNotifier
{
    Task<RecipientDelivery> NotifyAsync(RecipientNotice notice, CancellationToken cancellationToken = default);
}

/// <summary>
/// Keeps Art. 19 notices in memory, once per idempotency key, as a local outbox (the local host shows it; tests read it).
/// The notices hold the subject's identifiers, as a real notice would: they are the recipient's copy.
/// </summary>
public sealed class InMemoryRecipientOutbox : IRecipientNotifier
{
    private readonly Dictionary<string, RecipientNotice> _sent = new(StringComparer.Ordinal);
    private readonly List<RecipientNotice> _order = [];
    private readonly Lock _gate = new();

    /// <summary>Notices in the order first sent.</summary>
    public IReadOnlyList<RecipientNotice> Sent
    {
        get
        {
            lock (_gate)
            {
                return [.. _order];
            }
        }
    }

    public Task<RecipientDelivery> NotifyAsync(RecipientNotice notice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notice);
        lock (_gate)
        {
            if (_sent.TryAdd(notice.IdempotencyKey, notice))
            {
                _order.Add(notice);
            }
        }

        return Task.FromResult(RecipientDelivery.Sent);
    }
}
