using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Stores.Sqlite;
using Gdpr.Workflows.Stores.Tests.Contracts;
using Gdpr.Workflows.Stores.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Gdpr.Workflows.Stores.Tests.Sqlite;

/// <summary>The tamper matrix on a stores.db file, edited with plain SQL on a connection of its own, as an operator could.</summary>
public sealed class SqliteAuditTamperTests : AuditTamperMatrix, IDisposable
{
    private readonly TempSqliteDatabase _file = new();

    public void Dispose() => _file.Dispose();

    protected override Task<(IRequestStore Requests, IAuditLedgerStore Ledger)> CreateStoresAsync() =>
        Task.FromResult<(IRequestStore, IAuditLedgerStore)>((new SqliteRequestStore(_file.Database), new SqliteAuditLedgerStore(_file.Database)));

    protected override Task WriteRawAsync(AuditEvent auditEvent) =>
        ExecuteAsync(c => AuditRows.BindInsert(c, auditEvent), SqliteSql.AuditInsert.Replace("INSERT INTO", "INSERT OR REPLACE INTO", StringComparison.Ordinal));

    protected override Task DeleteEventAsync(string requestId, long sequence) =>
        ExecuteAsync(c => c.With("$request_id", requestId).With("$seq", sequence), "DELETE FROM audit_events WHERE request_id = $request_id AND seq = $seq");

    protected override Task SetAnchorAsync(string requestId, AuditChainHead? head) =>
        ExecuteAsync(
            c => c.With("$request_id", requestId).With("$seq", head?.Sequence).With("$hash", head is null ? null : Convert.FromHexString(head.Hash)),
            "UPDATE requests SET audit_head_seq = $seq, audit_head_hash = $hash WHERE request_id = $request_id");

    protected override Task DeleteRequestAsync(string requestId) =>
        ExecuteAsync(c => c.With("$request_id", requestId), "DELETE FROM request_subjects WHERE request_id = $request_id; DELETE FROM requests WHERE request_id = $request_id");

    private Task ExecuteAsync(Func<SqliteCommand, SqliteCommand> bind, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_file.FilePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command).ExecuteNonQuery().Should().BeGreaterThan(0, "the tampering must change a row: {0}", sql);
        return Task.CompletedTask;
    }
}
