using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Services;

namespace Gdpr.Workflows.Cli.Infrastructure;

/// <summary>
/// What the read-only commands (status, list, history, export, audit, report) need, over the local stores or the
/// deployed tables (--aws).
/// </summary>
public sealed class ReadSession(
    IRequestStore requests,
    IAuditLedgerStore audit,
    IAuditHistoryStore auditHistory,
    ISubjectHasher? hasher,
    TimeProvider time,
    Func<ValueTask> dispose) : IAsyncDisposable
{
    public IRequestStore Requests { get; } = requests;

    public AuditLedger Audit { get; } = new(audit, time);

    public IAuditHistoryStore AuditHistory { get; } = auditHistory;

    /// <summary>The audit store itself (it anchors each chain's head in the request's record when it is an <see cref="IAuditAnchorStore"/>).</summary>
    public IAuditLedgerStore AuditStore { get; } = audit;

    /// <summary>The signed audit checkpoints and their verifier; null where none were ever taken.</summary>
    public (IAuditCheckpointSigner Signer, IAuditCheckpointStore Store)? Checkpoints { get; init; }

    /// <summary>The local data directory; null with --aws.</summary>
    public Gdpr.Workflows.Local.GdprHome? Home { get; init; }

    public ErasureDeadlines Deadlines { get; } = ErasureDeadlines.UnitedKingdom();

    public TimeProvider Time { get; } = time;

    /// <summary>The subject hasher; null when it cannot be used from here (the KMS HMAC key of a deployed stack).</summary>
    public ISubjectHasher? Hasher { get; } = hasher;

    public StatusService Status => new(Requests, Deadlines, Hasher ?? new NoHasher(), Time);

    public HistoryService History => new(Audit);

    public DateOnly Today => Deadlines.Day(Time.GetUtcNow());

    public ISubjectHasher RequireHasher() => Hasher
        ?? throw CliException.BadInput("Subjects cannot be looked up with --aws: their hashes are KMS HMACs the CLI does not compute.", "Look the subject up in the local installation, or by request id.");

    public ValueTask DisposeAsync() => dispose();

    private sealed class NoHasher : ISubjectHasher
    {
        public ValueTask<string> HashAsync(Erasure.Subjects.SubjectIdentifier identifier, CancellationToken cancellationToken = default) =>
            throw CliException.BadInput("Subjects cannot be looked up with --aws: their hashes are KMS HMACs the CLI does not compute.", "Look the subject up by request id.");
    }
}
