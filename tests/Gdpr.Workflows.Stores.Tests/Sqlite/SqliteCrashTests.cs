using System.Diagnostics;
using System.Globalization;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Stores.Sqlite;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Gdpr.Workflows.Stores.Tests.Sqlite;

/// <summary>
/// SIGKILLs a child process (Gdpr.Workflows.Stores.CrashWriter) at random moments while it writes requests
/// and audit events to a SQLite file, restarting it each time, then checks the file: intact, no request
/// half-written (columns, JSON body and subject rows agree; request and first event exist together), and
/// every audit chain gapless and verified.
/// </summary>
public sealed class SqliteCrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Requests = 400;
    private const int Kills = 8;
    private readonly string _directory = Directory.CreateTempSubdirectory("gdpr-stores-crash-").FullName;

    private string FilePath => Path.Combine(_directory, "stores.db");

    [Fact]
    public async Task WriterKilledRepeatedly_NoHalfWrittenRequestAndEveryChainVerifies()
    {
        var random = new Random(20261126);
        var killedWhileWriting = 0;
        for (var i = 0; i < Kills; i++)
        {
            using var writer = StartWriter();
            (await writer.StandardOutput.ReadLineAsync()).Should().Be("ready", await ErrorsOf(writer));
            await Task.Delay(random.Next(30, 350));
            if (!writer.HasExited)
            {
                writer.Kill(entireProcessTree: true);
                killedWhileWriting++;
            }

            await writer.WaitForExitAsync();
            CheckFile(expectAllDone: false);
        }

        using (var final = StartWriter())
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await final.WaitForExitAsync(timeout.Token);
            final.ExitCode.Should().Be(0, await ErrorsOf(final));
        }

        var (requests, events) = CheckFile(expectAllDone: true);
        requests.Should().Be(Requests);
        events.Should().Be(Requests * 10);
        output.WriteLine($"kills while writing: {killedWhileWriting}; {requests} requests, {events} events");
        killedWhileWriting.Should().BeGreaterThan(0, "the test must actually interrupt the writer");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static async Task<string> ErrorsOf(Process process) =>
        process.HasExited ? await process.StandardError.ReadToEndAsync() : string.Empty;

    private Process StartWriter()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Gdpr.Workflows.Stores.CrashWriter.dll"));
        info.ArgumentList.Add(FilePath);
        info.ArgumentList.Add(Requests.ToString(CultureInfo.InvariantCulture));
        return Process.Start(info)!;
    }

    /// <summary>Checks the whole file as the adapter left it; returns the request and event counts.</summary>
    private (int Requests, int Events) CheckFile(bool expectAllDone)
    {
        using (var connection = new SqliteConnection($"Data Source={FilePath};Pooling=false"))
        {
            connection.Open();
            Scalar(connection, "PRAGMA integrity_check").Should().Be("ok");
            Scalar(connection, "PRAGMA foreign_key_check").Should().BeNull();
            Scalar(connection, """
                SELECT COUNT(*) FROM requests r
                WHERE NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.request_id = r.request_id AND e.seq = 1)
                """).Should().Be(0L, "a request and its first event are written together");
            Scalar(connection, """
                SELECT COUNT(*) FROM (SELECT DISTINCT request_id FROM audit_events) e
                WHERE NOT EXISTS (SELECT 1 FROM requests r WHERE r.request_id = e.request_id)
                """).Should().Be(0L, "no event belongs to a request that was never stored");
        }

        using var stores = SqliteStores.Open(FilePath);
        var ids = RequestIds();
        var events = 0;
        foreach (var id in ids)
        {
            var request = stores.Requests.GetAsync(id).GetAwaiter().GetResult()!;
            using (var connection = new SqliteConnection($"Data Source={FilePath};Pooling=false"))
            {
                connection.Open();
                using var columns = connection.CreateCommand();
                columns.CommandText = "SELECT version, status, open_queue, received_at FROM requests WHERE request_id = $id";
                columns.Parameters.AddWithValue("$id", id);
                using var row = columns.ExecuteReader();
                row.Read();
                row.GetInt64(0).Should().Be(request.Version, id);
                row.GetString(1).Should().Be(request.Status.ToString(), id);
                (row.IsDBNull(2) ? null : row.GetString(2)).Should().Be(request.IsOpen ? "open" : null, id);
                row.GetInt64(3).Should().Be(request.ReceivedAt.UtcTicks, id);
            }

            foreach (var hash in request.SubjectHashes)
            {
                stores.Requests.QueryBySubjectHashAsync(hash, 1000).GetAwaiter().GetResult().Items.Should().Contain(r => r.RequestId == id);
            }

            var chain = stores.Audit.ReadAllAsync(id).GetAwaiter().GetResult();
            chain.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, chain.Count).Select(n => (long)n), id);
            chain.Select(e => e.IdempotencyKey).Should().OnlyHaveUniqueItems(id);
            AuditChainVerifier.Verify(chain).Ok.Should().BeTrue(id);
            events += chain.Count;
            if (expectAllDone)
            {
                chain.Should().HaveCount(10, id);
                request.Version.Should().Be(3, id);
            }
        }

        return (ids.Count, events);
    }

    private List<string> RequestIds()
    {
        using var connection = new SqliteConnection($"Data Source={FilePath};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT request_id FROM requests ORDER BY request_id";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
