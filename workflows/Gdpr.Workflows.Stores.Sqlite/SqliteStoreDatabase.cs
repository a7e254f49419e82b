using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Gdpr.Workflows.Stores.Sqlite;

/// <summary>
/// The one SQLite file behind every SQLite store: opens it in WAL mode (readers never block the
/// writer, nor it them), creates the schema, and lends out connections with their prepared
/// statements. Any number of processes may open the same file; writes are serialised by SQLite's
/// write lock (BEGIN IMMEDIATE, waiting up to <see cref="SqliteStoreOptions.BusyTimeout"/>).
/// </summary>
public sealed class SqliteStoreDatabase : IDisposable
{
    private readonly ConcurrentQueue<SqliteSession> _idle = new();
    private readonly string _connectionString;
    private readonly SqliteStoreOptions _options;
    private int _idleCount;
    private volatile bool _disposed;

    private SqliteStoreDatabase(string filePath, SqliteStoreOptions options)
    {
        FilePath = filePath;
        _options = options;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = filePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,

            // This class pools connections itself, together with their compiled statements.
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
    }

    /// <summary>The database file's full path.</summary>
    public string FilePath { get; }

    /// <summary>Opens (creating if needed) the file and brings its schema up to date.</summary>
    public static SqliteStoreDatabase Open(string path, SqliteStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var database = new SqliteStoreDatabase(fullPath, options ?? new SqliteStoreOptions());
        try
        {
            database.Initialize();
            return database;
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>Opens the file at <see cref="LocalDataDirectory.StoresFile"/>.</summary>
    public static SqliteStoreDatabase OpenDefault(SqliteStoreOptions? options = null) => Open(LocalDataDirectory.StoresFile(), options);

    /// <summary>The schema version this code writes (PRAGMA user_version).</summary>
    public static int SchemaVersion => SqliteSchema.Version;

    /// <summary>Reads the database file's size including the write-ahead log.</summary>
    public long SizeInBytes()
    {
        var wal = new FileInfo(FilePath + "-wal");
        return new FileInfo(FilePath).Length + (wal.Exists ? wal.Length : 0);
    }

    /// <summary>Copies committed pages from the WAL into the main file as far as readers allow, without waiting.</summary>
    internal void CheckpointPassive() => Read(session => session.Command("PRAGMA wal_checkpoint(PASSIVE)").ExecuteNonQuery());

    /// <summary>Runs <paramref name="read"/> on a leased connection, outside any transaction.</summary>
    internal T Read<T>(Func<SqliteSession, T> read)
    {
        var session = Lease();
        try
        {
            var result = read(session);
            Return(session);
            return result;
        }
        catch (SqliteException)
        {
            session.Dispose();
            throw;
        }
        catch
        {
            Return(session);
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> in one IMMEDIATE transaction and commits it; any exception rolls the
    /// whole transaction back, so a write is all or nothing even when the process dies halfway.
    /// </summary>
    internal T Write<T>(Func<SqliteSession, T> write)
    {
        var session = Lease();
        try
        {
            session.BeginWrite();
            var result = write(session);
            session.Commit();
            Return(session);
            return result;
        }
        catch (Exception exception)
        {
            try
            {
                session.Rollback();
            }
            catch (SqliteException)
            {
                // The connection is unusable; it is dropped below and the original error reported.
            }

            if (exception is SqliteException { SqliteErrorCode: not SqliteErrorCodes.Constraint })
            {
                session.Dispose();
            }
            else
            {
                Return(session);
            }

            throw;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryDequeue(out var session))
        {
            session.Dispose();
        }
    }

    private void Initialize()
    {
        var session = Lease();
        try
        {
            // journal_mode is a property of the file; set outside a transaction, once per open is harmless.
            using (var wal = session.Connection.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode = WAL";
                var mode = Convert.ToString(wal.ExecuteScalar(), CultureInfo.InvariantCulture);
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException($"{FilePath}: could not switch to WAL mode (journal_mode is '{mode}').");
                }
            }

            session.BeginWrite();
            SqliteSchema.Apply(session);
            session.Commit();
            Return(session);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private SqliteSession Lease()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryDequeue(out var session))
        {
            Interlocked.Decrement(ref _idleCount);
            return session;
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var pragmas = connection.CreateCommand();
            pragmas.CommandText = string.Create(CultureInfo.InvariantCulture, $"""
                PRAGMA busy_timeout = {(long)_options.BusyTimeout.TotalMilliseconds};
                PRAGMA synchronous = {(_options.SyncEveryCommit ? "FULL" : "NORMAL")};
                PRAGMA foreign_keys = ON;
                PRAGMA secure_delete = ON;
                PRAGMA temp_store = MEMORY;
                PRAGMA cache_size = -{_options.CacheSizeKiB};
                """);
            pragmas.ExecuteNonQuery();
            return new SqliteSession(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void Return(SqliteSession session)
    {
        if (_disposed || Interlocked.Increment(ref _idleCount) > _options.MaxIdleConnections)
        {
            if (!_disposed)
            {
                Interlocked.Decrement(ref _idleCount);
            }

            session.Dispose();
            return;
        }

        _idle.Enqueue(session);
    }
}

/// <summary>The SQLite result codes this package reacts to.</summary>
internal static class SqliteErrorCodes
{
    public const int Constraint = 19;
}
