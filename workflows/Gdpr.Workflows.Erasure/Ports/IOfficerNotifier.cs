namespace Gdpr.Workflows.Erasure.Ports;

/// <summary>
/// Something the data protection officers must know or do: <paramref name="Kind"/> (e.g. "VerificationRequested",
/// "DailyReminder"), the request concerned and a few details. Ids, counts and codes only, never personal data.
/// <paramref name="IdempotencyKey"/> is the same for a repeated notice.
/// </summary>
public sealed record OfficerNotice(string Kind, string? RequestId, IReadOnlyDictionary<string, string> Details, string IdempotencyKey);

/// <summary>Tells the officers (the OfficerTopic in AWS). Idempotent by <see cref="OfficerNotice.IdempotencyKey"/> where the channel allows.</summary>
public interface IOfficerNotifier
{
    Task NotifyAsync(OfficerNotice notice, CancellationToken cancellationToken = default);
}

/// <summary>Keeps officer notices in memory, once per idempotency key: for tests and the local host.</summary>
public sealed class InMemoryOfficerInbox : IOfficerNotifier
{
    private readonly Dictionary<string, OfficerNotice> _byKey = new(StringComparer.Ordinal);
    private readonly List<OfficerNotice> _order = [];
    private readonly Lock _gate = new();

    /// <summary>Notices in the order first received.</summary>
    public IReadOnlyList<OfficerNotice> Notices
    {
        get
        {
            lock (_gate)
            {
                return [.. _order];
            }
        }
    }

    public Task NotifyAsync(OfficerNotice notice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notice);
        lock (_gate)
        {
            if (_byKey.TryAdd(notice.IdempotencyKey, notice))
            {
                _order.Add(notice);
            }
        }

        return Task.CompletedTask;
    }
}
