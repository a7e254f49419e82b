using Gdpr.Workflows.Engine.Persistence;

namespace Gdpr.Workflows.Benchmarks.Engine;

/// <summary>Where the measured engine keeps executions: in memory, or durably in a fresh SQLite file.</summary>
internal enum StoreKind
{
    InMemory,
    Sqlite,
}

/// <summary>A store for one measurement; disposing it deletes what it wrote.</summary>
internal sealed class BenchmarkStore : IDisposable
{
    private readonly string? sqlitePath;

    public BenchmarkStore(StoreKind kind)
    {
        if (kind == StoreKind.Sqlite)
        {
            sqlitePath = Path.Combine(Path.GetTempPath(), $"gdpr-engine-bench-{Guid.NewGuid():N}.db");
            Store = new SqliteExecutionStore(sqlitePath);
        }
        else
        {
            Store = new InMemoryExecutionStore();
        }
    }

    public IExecutionStore Store { get; }

    public void Dispose()
    {
        (Store as IDisposable)?.Dispose();
        if (sqlitePath is not null)
        {
            foreach (var file in new[] { sqlitePath, sqlitePath + "-wal", sqlitePath + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
