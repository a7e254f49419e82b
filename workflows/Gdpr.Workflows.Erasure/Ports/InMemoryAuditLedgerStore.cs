using System.Collections.Concurrent;
using Gdpr.Workflows.Erasure.Audit;

namespace Gdpr.Workflows.Erasure.Ports;

/// <summary>Keeps audit ledgers in memory only: for tests and the local engine; nothing survives the process.</summary>
public sealed partial class InMemoryAuditLedgerStore : IAuditLedgerStore, IAuditHistoryStore
{
    private readonly ConcurrentDictionary<string, Ledger> _ledgers = new(StringComparer.Ordinal);

    public Task<AuditAppendResult> TryAppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var ledger = _ledgers.GetOrAdd(auditEvent.RequestId, _ => new Ledger());
        lock (ledger)
        {
            if (auditEvent.IdempotencyKey is { } key && ledger.ByIdempotencyKey.TryGetValue(key, out var existing))
            {
                return Task.FromResult(AuditAppendResult.DuplicateIdempotencyKey(existing));
            }

            var next = ledger.Events.Count + 1;
            if (auditEvent.Sequence < next)
            {
                return Task.FromResult(AuditAppendResult.SequenceConflict);
            }

            if (auditEvent.Sequence > next)
            {
                throw new InvalidOperationException(
                    $"Appending sequence {auditEvent.Sequence} to request {auditEvent.RequestId} would leave a gap; the next sequence is {next}.");
            }

            ledger.Events.Add(auditEvent);
            if (auditEvent.IdempotencyKey is { } newKey)
            {
                ledger.ByIdempotencyKey.Add(newKey, auditEvent);
            }

            return Task.FromResult(AuditAppendResult.Appended);
        }
    }

    public Task<AuditEvent?> GetLastAsync(string requestId, CancellationToken cancellationToken = default)
    {
        RequestIdGuard.Check(requestId);
        if (!_ledgers.TryGetValue(requestId, out var ledger))
        {
            return Task.FromResult<AuditEvent?>(null);
        }

        lock (ledger)
        {
            return Task.FromResult(ledger.Events.Count == 0 ? null : ledger.Events[^1]);
        }
    }

    public Task<AuditEvent?> FindByIdempotencyKeyAsync(string requestId, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        RequestIdGuard.Check(requestId);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        if (!_ledgers.TryGetValue(requestId, out var ledger))
        {
            return Task.FromResult<AuditEvent?>(null);
        }

        lock (ledger)
        {
            return Task.FromResult(ledger.ByIdempotencyKey.GetValueOrDefault(idempotencyKey));
        }
    }

    public Task<IReadOnlyList<AuditEvent>> ReadAllAsync(string requestId, CancellationToken cancellationToken = default)
    {
        RequestIdGuard.Check(requestId);
        if (!_ledgers.TryGetValue(requestId, out var ledger))
        {
            return Task.FromResult<IReadOnlyList<AuditEvent>>([]);
        }

        lock (ledger)
        {
            return Task.FromResult<IReadOnlyList<AuditEvent>>([.. ledger.Events]);
        }
    }

    private sealed class Ledger
    {
        public List<AuditEvent> Events { get; } = [];

        public Dictionary<string, AuditEvent> ByIdempotencyKey { get; } = new(StringComparer.Ordinal);
    }
}
