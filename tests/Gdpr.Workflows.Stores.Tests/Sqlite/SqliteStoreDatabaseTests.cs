using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Stores.Sqlite;
using Gdpr.Workflows.Stores.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.Stores.Tests.Sqlite;

public sealed class SqliteStoreDatabaseTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gdpr-stores-db-").FullName;

    private string FilePath => Path.Combine(_directory, "nested", "stores.db");

    [Fact]
    public void Open_NewPath_CreatesFileInWalModeWithSchemaVersion()
    {
        using (SqliteStoreDatabase.Open(FilePath))
        {
        }

        File.Exists(FilePath).Should().BeTrue();
        Pragma("journal_mode").Should().Be("wal");
        Pragma("user_version").Should().Be(SqliteStoreDatabase.SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Open_VersionOneFile_AddsTheAuditAnchorAndAppendsFillIt()
    {
        using (SqliteStoreDatabase.Open(FilePath))
        {
        }

        // A file as version 1 wrote it: no anchor columns.
        Pragma("user_version = 1");
        Execute("ALTER TABLE requests DROP COLUMN audit_head_seq; ALTER TABLE requests DROP COLUMN audit_head_hash;");

        using var database = SqliteStoreDatabase.Open(FilePath);
        var requestId = AuditSamples.NewRequestId();
        await new SqliteRequestStore(database).CreateAsync(RequestSamples.New(requestId));
        var store = new SqliteAuditLedgerStore(database);
        var chain = AuditSamples.Chain(requestId, 2);
        foreach (var e in chain)
        {
            await store.TryAppendAsync(e);
        }

        Pragma("user_version").Should().Be("2");
        (await store.GetAnchorAsync(requestId)).Should().Be(AuditChainHead.Of(chain[^1]));
    }

    [Fact]
    public void Open_FileFromNewerProgram_ThrowsNamingTheVersions()
    {
        using (SqliteStoreDatabase.Open(FilePath))
        {
        }

        Pragma("user_version = 99");

        var open = () => SqliteStoreDatabase.Open(FilePath);

        open.Should().Throw<InvalidOperationException>().WithMessage("*schema version 99*newer*");
    }

    [Fact]
    public async Task TwoConnectionsPoolsOnOneFile_WritersRaceReadersRead_ChainGaplessAndVerifies()
    {
        // Two databases with private connections behave as two processes do: SQLite's file locks arbitrate.
        using var first = SqliteStoreDatabase.Open(FilePath);
        using var second = SqliteStoreDatabase.Open(FilePath);
        var ledgers = new[] { first, second }.Select(d => new AuditLedger(new SqliteAuditLedgerStore(d), new FakeTimeProvider(AuditSamples.Start))).ToArray();
        var reader = new SqliteAuditLedgerStore(second);
        using var stop = new CancellationTokenSource();
        var reads = 0;
        var readerTask = Task.Run(async () =>
        {
            // At least one read, however quickly the writers finish on this machine.
            do
            {
                var seen = await reader.ReadAllAsync("shared");
                AuditChainVerifier.Verify(seen).Ok.Should().BeTrue("a reader sees a committed prefix of the chain, never a torn one");
                reads++;
            }
            while (!stop.IsCancellationRequested);
        });

        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await ledgers[w % 2].AppendAsync("shared", new AuditEventDraft(AuditEventType.SystemErased, $"w{w}") { IdempotencyKey = $"w{w}-{i}" });
            }
        })));
        await stop.CancelAsync();
        await readerTask;

        var chain = await reader.ReadAllAsync("shared");
        chain.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, 80).Select(i => (long)i));
        AuditChainVerifier.Verify(chain).Ok.Should().BeTrue();
        reads.Should().BeGreaterThan(0);
    }

    [Fact]
    public void LocalDataDirectory_EnvironmentVariable_Wins()
    {
        var before = Environment.GetEnvironmentVariable(LocalDataDirectory.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(LocalDataDirectory.EnvironmentVariable, _directory);

            LocalDataDirectory.StoresFile().Should().Be(Path.Combine(_directory, LocalDataDirectory.StoresFileName));
        }
        finally
        {
            Environment.SetEnvironmentVariable(LocalDataDirectory.EnvironmentVariable, before);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private string? Pragma(string pragma)
    {
        using var connection = new SqliteConnection($"Data Source={FilePath};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + pragma;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={FilePath};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
