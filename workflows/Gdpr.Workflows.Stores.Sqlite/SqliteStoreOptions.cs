namespace Gdpr.Workflows.Stores.Sqlite;

/// <summary>Settings of a <see cref="SqliteStoreDatabase"/>.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>
    /// How long a statement waits for another connection or process to release the write lock before
    /// failing with SQLITE_BUSY. Writers queue on this; readers never wait (WAL).
    /// </summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// False (default): PRAGMA synchronous = NORMAL, which in WAL mode survives a killed process but may
    /// lose the last commits on power loss. True: FULL, an fsync per commit.
    /// </summary>
    public bool SyncEveryCommit { get; init; }

    /// <summary>Open connections kept for reuse; each keeps its prepared statements.</summary>
    public int MaxIdleConnections { get; init; } = 16;

    /// <summary>SQLite page cache per connection, in KiB.</summary>
    public int CacheSizeKiB { get; init; } = 32 * 1024;
}
