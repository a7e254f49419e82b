using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Erasure.Audit;

/// <summary>Settings of an <see cref="AuditLedger"/>.</summary>
public sealed class AuditLedgerOptions
{
    /// <summary>
    /// Appends attempted before giving up under contention. Each conflict means another writer's
    /// append succeeded, so the ledger as a whole always progresses; this only bounds one writer.
    /// </summary>
    public int MaxAttempts { get; init; } = 1000;
}

/// <summary>Thrown when an append lost <see cref="AuditLedgerOptions.MaxAttempts"/> races in a row.</summary>
public sealed class AuditLedgerContentionException : Exception
{
    public AuditLedgerContentionException(string requestId, int attempts)
        : base($"Could not append to the audit ledger of request {requestId}: {attempts} attempts all lost to concurrent writers.")
    {
    }

    public AuditLedgerContentionException()
    {
    }

    public AuditLedgerContentionException(string message)
        : base(message)
    {
    }

    public AuditLedgerContentionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Thrown when an idempotency key is reused for an event with different content.</summary>
public sealed class AuditIdempotencyConflictException : Exception
{
    public AuditIdempotencyConflictException(AuditEvent existing)
        : base($"Idempotency key '{existing.IdempotencyKey}' of request {existing.RequestId} already recorded event #{existing.Sequence} ({existing.Type}) with different content.")
    {
        Existing = existing;
    }

    public AuditIdempotencyConflictException()
    {
    }

    public AuditIdempotencyConflictException(string message)
        : base(message)
    {
    }

    public AuditIdempotencyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AuditEvent? Existing { get; }
}

/// <summary>
/// Appends to a request's hash-chained audit ledger. Safe with any number of writers in any number of
/// processes: each append is conditional on the next sequence and retried from a fresh read on
/// conflict, so events are never lost, duplicated or forked.
/// </summary>
public sealed class AuditLedger(IAuditLedgerStore store, TimeProvider timeProvider, AuditLedgerOptions? options = null)
{
    private readonly int _maxAttempts = options?.MaxAttempts is > 0 ? options.MaxAttempts : new AuditLedgerOptions().MaxAttempts;

    /// <summary>
    /// Records the draft as the request's next event and returns it. With an idempotency key that was
    /// used before, returns the earlier event instead (and throws <see cref="AuditIdempotencyConflictException"/>
    /// if the earlier event records something else).
    /// </summary>
    public async Task<AuditEvent> AppendAsync(string requestId, AuditEventDraft draft, CancellationToken cancellationToken = default) =>
        (await AppendAsync(requestId, draft, knownHead: null, cancellationToken)).Event;

    /// <summary>
    /// Records the drafts as the request's next events, in order, as <see cref="AppendAsync(string, AuditEventDraft, CancellationToken)"/>
    /// would one by one; an event just appended is the next one's head, so the ledger is read once, not once per draft.
    /// </summary>
    public async Task<IReadOnlyList<AuditEvent>> AppendAllAsync(string requestId, IReadOnlyList<AuditEventDraft> drafts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        var events = new List<AuditEvent>(drafts.Count);
        AuditEvent? head = null;
        foreach (var draft in drafts)
        {
            var (appended, isHead) = await AppendAsync(requestId, draft, head, cancellationToken);
            events.Add(appended);
            head = isHead ? appended : null;
        }

        return events;
    }

    /// <param name="knownHead">The request's last event as this writer just appended it, or null to read it.</param>
    /// <returns>The event, and whether this call appended it (so it is the head as far as this writer knows).</returns>
    private async Task<(AuditEvent Event, bool Appended)> AppendAsync(
        string requestId, AuditEventDraft draft, AuditEvent? knownHead, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        for (var attempt = 1; attempt <= _maxAttempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // No separate look-up of the idempotency key first: every store checks the key atomically with the
            // append and answers DuplicateIdempotencyKey with the earlier event, so the look-up would only cost a
            // read (a DynamoDB round trip) on every append to save one on a retried one.
            var last = knownHead ?? await store.GetLastAsync(requestId, cancellationToken);
            knownHead = null;
            var candidate = AuditEvent.CreateChained(requestId, (last?.Sequence ?? 0) + 1, Now(), draft, last?.Hash ?? AuditEvent.GenesisHash);
            var result = await store.TryAppendAsync(candidate, cancellationToken);
            switch (result.Status)
            {
                case AuditAppendStatus.Appended:
                    return (candidate, true);
                case AuditAppendStatus.DuplicateIdempotencyKey:
                    return (SameOrThrow(result.Existing!, draft), false);
                default:
                    await Task.Yield();
                    break;
            }
        }

        throw new AuditLedgerContentionException(requestId, _maxAttempts);
    }

    /// <summary>The event recorded under <paramref name="idempotencyKey"/>, or null when there is none yet.</summary>
    public Task<AuditEvent?> FindAsync(string requestId, string idempotencyKey, CancellationToken cancellationToken = default) =>
        store.FindByIdempotencyKeyAsync(requestId, idempotencyKey, cancellationToken);

    /// <summary>Every event of the request, by sequence.</summary>
    public Task<IReadOnlyList<AuditEvent>> ReadAsync(string requestId, CancellationToken cancellationToken = default) =>
        store.ReadAllAsync(requestId, cancellationToken);

    /// <summary>Reads the request's events and verifies the chain (against a trusted head when given).</summary>
    public async Task<AuditChainVerification> VerifyAsync(string requestId, AuditChainHead? trustedHead = null, CancellationToken cancellationToken = default) =>
        AuditChainVerifier.Verify(await store.ReadAllAsync(requestId, cancellationToken), trustedHead);

    private static AuditEvent SameOrThrow(AuditEvent recorded, AuditEventDraft draft) =>
        recorded.Records(draft) ? recorded : throw new AuditIdempotencyConflictException(recorded);

    private DateTimeOffset Now()
    {
        var now = timeProvider.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}
