using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Vault;
using Microsoft.Data.Sqlite;

namespace Gdpr.Workflows.Stores.Sqlite;

/// <summary>
/// The vault in <c>vault_records</c> + <c>vault_keys</c>. Connections run with PRAGMA secure_delete, so
/// a destroyed key's bytes are overwritten in the database file, not merely unlinked; a passive WAL
/// checkpoint after the delete moves the overwrite into the main file promptly.
/// </summary>
public sealed class SqliteSubjectVaultStore(SqliteStoreDatabase database) : ISubjectVaultStore
{
    public Task<bool> TryPutAsync(string requestId, SealedSubjectRecord record, WrappedDataKey key, CancellationToken cancellationToken = default)
    {
        StoreArguments.RequestId(requestId);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Write(session =>
        {
            var inserted = session.Command(SqliteSql.VaultInsertRecord)
                .With("$request_id", requestId)
                .With("$format_version", record.FormatVersion)
                .With("$nonce", record.Nonce.ToArray())
                .With("$ciphertext", record.Ciphertext.ToArray())
                .With("$tag", record.Tag.ToArray())
                .With("$sealed_at_ticks", record.SealedAt.UtcTicks)
                .ExecuteNonQuery();
            if (inserted == 0)
            {
                return false;
            }

            session.Command(SqliteSql.VaultInsertKey)
                .With("$request_id", requestId)
                .With("$master_key_id", key.MasterKeyId)
                .With("$ciphertext", key.Ciphertext.ToArray())
                .ExecuteNonQuery();
            return true;
        }));
    }

    public Task<SealedSubjectRecord?> GetRecordAsync(string requestId, CancellationToken cancellationToken = default)
    {
        StoreArguments.RequestId(requestId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read(session =>
        {
            using var r = session.Command(SqliteSql.VaultRecord).With("$request_id", requestId).ExecuteReader();
            return r.Read()
                ? new SealedSubjectRecord(r.GetInt32(0), Bytes(r, 1), Bytes(r, 2), Bytes(r, 3), new DateTimeOffset(r.GetInt64(4), TimeSpan.Zero))
                : null;
        }));
    }

    public Task<WrappedDataKey?> GetKeyAsync(string requestId, CancellationToken cancellationToken = default)
    {
        StoreArguments.RequestId(requestId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read(session =>
        {
            using var r = session.Command(SqliteSql.VaultKey).With("$request_id", requestId).ExecuteReader();
            return r.Read() ? new WrappedDataKey(r.GetString(0), Bytes(r, 1)) : null;
        }));
    }

    public Task<bool> DeleteKeyAsync(string requestId, CancellationToken cancellationToken = default)
    {
        StoreArguments.RequestId(requestId);
        cancellationToken.ThrowIfCancellationRequested();
        var deleted = database.Write(session => session.Command(SqliteSql.VaultDeleteKey).With("$request_id", requestId).ExecuteNonQuery() > 0);
        if (deleted)
        {
            database.CheckpointPassive();
        }

        return Task.FromResult(deleted);
    }

    public Task<bool> DeleteRecordAsync(string requestId, CancellationToken cancellationToken = default)
    {
        StoreArguments.RequestId(requestId);
        cancellationToken.ThrowIfCancellationRequested();

        // ON DELETE CASCADE removes the key with the record.
        var deleted = database.Write(session => session.Command(SqliteSql.VaultDeleteRecord).With("$request_id", requestId).ExecuteNonQuery() > 0);
        if (deleted)
        {
            database.CheckpointPassive();
        }

        return Task.FromResult(deleted);
    }

    private static byte[] Bytes(SqliteDataReader r, int ordinal) => (byte[])r.GetValue(ordinal);
}
