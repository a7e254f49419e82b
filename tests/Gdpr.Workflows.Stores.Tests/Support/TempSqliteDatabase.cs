using Gdpr.Workflows.Stores.Sqlite;
using Microsoft.Data.Sqlite;

namespace Gdpr.Workflows.Stores.Tests.Support;

/// <summary>A SQLite stores file in a fresh temporary directory, deleted on dispose.</summary>
public sealed class TempSqliteDatabase : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gdpr-stores-").FullName;

    public TempSqliteDatabase()
    {
        Database = SqliteStoreDatabase.Open(FilePath);
    }

    public string FilePath => Path.Combine(_directory, "stores.db");

    public SqliteStoreDatabase Database { get; }

    public void Dispose()
    {
        Database.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
