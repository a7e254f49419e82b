using System.Globalization;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Local;
using Gdpr.Workflows.Reliability.Hosting;
using Microsoft.Data.Sqlite;

namespace Gdpr.Workflows.Reliability.Scenarios;

/// <summary>
/// Issue #15, part 8: tampering as an operator with the data directory could do it. Real requests run to the end
/// through <c>gdpr serve</c>, <c>gdpr audit checkpoint</c> signs their heads; then each case edits a copy of the
/// directory with plain SQL (or a text editor, for the checkpoint) and <c>gdpr audit verify --all</c> must exit
/// non-zero and name the right kind for the right request. The untouched copy must verify.
/// </summary>
internal sealed class TamperScenario : IReliabilityScenario
{
    public string Name => "tamper";

    public async Task<ScenarioFigures> RunAsync(ReliabilityOptions options, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(options.WorkDirectory, "tamper");
        Directory.CreateDirectory(directory);
        var home = GdprHome.At(Path.Combine(directory, "home")).EnsureCreated();
        var ids = await RunRequestsAsync(home, directory, Cases.Length, cancellationToken);
        var lines = new List<string>();
        var failures = new List<string>();
        var (checkpointExit, checkpointOutput) = await GdprCommand.RunAsync(home.Directory, ["audit", "checkpoint"], cancellationToken);
        if (checkpointExit != 0)
        {
            return new ScenarioFigures { Failures = [$"gdpr audit checkpoint exited {checkpointExit}: {checkpointOutput.Trim()}"] };
        }

        var (cleanExit, clean) = await VerifyAsync(CopyOf(home, Path.Combine(directory, "untouched")), cancellationToken);
        lines.Add($"untouched copy: exit {cleanExit}, {clean.Count} finding(s)");
        if (cleanExit != 0 || clean.Count != 0)
        {
            failures.Add($"the untouched data directory did not verify (exit {cleanExit}): {string.Join("; ", clean)}");
        }

        var caught = 0;
        for (var i = 0; i < Cases.Length; i++)
        {
            var (name, expected, tamper) = Cases[i];
            var copy = CopyOf(home, Path.Combine(directory, name));
            tamper(copy, ids[i]);
            var (exit, findings) = await VerifyAsync(copy, cancellationToken);
            var named = findings.Any(f => f.Kind == expected.ToString() && (f.RequestId == ids[i] || expected == AuditChainBreakKind.Forged));
            caught += exit != 0 && named ? 1 : 0;
            lines.Add($"{name}: exit {exit}, {(named ? "named " + expected : "NOT named " + expected)}; found {string.Join(", ", findings.Select(f => f.Kind))}");
            if (exit == 0 || !named)
            {
                failures.Add($"{name} not caught as {expected} (exit {exit})");
            }
        }

        return new ScenarioFigures
        {
            Lines = lines,
            Failures = failures,
            Summary = [string.Create(CultureInfo.InvariantCulture, $"tamper: {caught} of {Cases.Length} caught")],
        };
    }

    private static readonly (string Name, AuditChainBreakKind Expected, Action<GdprHome, string> Tamper)[] Cases =
    [
        ("edit", AuditChainBreakKind.Altered, (h, id) => Sql(h, id, "UPDATE audit_events SET details = '{\"tampered\":\"yes\"}' WHERE request_id = $id AND seq = 3")),
        ("insertion", AuditChainBreakKind.Inserted, AppendAroundTheStore),
        ("removal", AuditChainBreakKind.Removed, (h, id) => Sql(h, id, "DELETE FROM audit_events WHERE request_id = $id AND seq = 3")),
        ("reordering", AuditChainBreakKind.Reordered, (h, id) => Sql(h, id,
            "UPDATE audit_events SET seq = 100000 WHERE request_id = $id AND seq = 2; UPDATE audit_events SET seq = 2 WHERE request_id = $id AND seq = 3; UPDATE audit_events SET seq = 3 WHERE request_id = $id AND seq = 100000")),
        ("truncated tail", AuditChainBreakKind.Truncated, (h, id) => Sql(h, id,
            "DELETE FROM audit_events WHERE request_id = $id AND seq > (SELECT MAX(seq) - 2 FROM audit_events WHERE request_id = $id)")),
        ("truncated tail, anchor rewound", AuditChainBreakKind.Truncated, (h, id) => Sql(h, id,
            "DELETE FROM audit_events WHERE request_id = $id AND seq > (SELECT MAX(seq) - 2 FROM audit_events WHERE request_id = $id); "
            + "UPDATE requests SET (audit_head_seq, audit_head_hash) = (SELECT seq, hash FROM audit_events WHERE request_id = $id ORDER BY seq DESC LIMIT 1) WHERE request_id = $id")),
        ("deleted chain", AuditChainBreakKind.Deleted, (h, id) => Sql(h, id, "DELETE FROM audit_events WHERE request_id = $id")),
        ("deleted request and chain", AuditChainBreakKind.Deleted, (h, id) => Sql(h, id,
            "DELETE FROM audit_events WHERE request_id = $id; DELETE FROM request_subjects WHERE request_id = $id; DELETE FROM requests WHERE request_id = $id")),
        ("missing chain, anchor and checkpoints removed", AuditChainBreakKind.Missing, (h, id) =>
        {
            Sql(h, id, "DELETE FROM audit_events WHERE request_id = $id; UPDATE requests SET audit_head_seq = NULL, audit_head_hash = NULL WHERE request_id = $id");
            Directory.Delete(h.CheckpointsDirectory, recursive: true);
        }),
        ("forged checkpoint", AuditChainBreakKind.Forged, (h, id) =>
        {
            var heads = Directory.EnumerateFiles(h.CheckpointsDirectory, "*.heads").Single();
            var lines = File.ReadAllLines(heads).Select(l => l.StartsWith(id + "\t", StringComparison.Ordinal) ? id + "\t1\t" + l.Split('\t')[2] : l);
            File.WriteAllText(heads, string.Join('\n', lines) + "\n");
        }),
    ];

    /// <summary>A correctly chained event written straight into the table, without the store (so without its anchor).</summary>
    private static void AppendAroundTheStore(GdprHome home, string requestId)
    {
        using var connection = Open(home);
        long last;
        string lastHash;
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT seq, hash FROM audit_events WHERE request_id = $id ORDER BY seq DESC LIMIT 1";
            read.Parameters.AddWithValue("$id", requestId);
            using var reader = read.ExecuteReader();
            reader.Read();
            last = reader.GetInt64(0);
            lastHash = Convert.ToHexStringLower((byte[])reader.GetValue(1));
        }

        var forged = AuditEvent.CreateChained(requestId, last + 1, DateTimeOffset.FromUnixTimeMilliseconds(1_900_000_000_000),
            new AuditEventDraft(AuditEventType.RequestCompleted, "forger"), lastHash);
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO audit_events (request_id, seq, occurred_at, type, actor, previous_hash, hash) VALUES ($id, $seq, $at, $type, $actor, $previous, $hash)";
        insert.Parameters.AddWithValue("$id", requestId);
        insert.Parameters.AddWithValue("$seq", forged.Sequence);
        insert.Parameters.AddWithValue("$at", forged.OccurredAt.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("$type", forged.Type.Name);
        insert.Parameters.AddWithValue("$actor", forged.Actor);
        insert.Parameters.AddWithValue("$previous", Convert.FromHexString(forged.PreviousHash));
        insert.Parameters.AddWithValue("$hash", Convert.FromHexString(forged.Hash));
        insert.ExecuteNonQuery();
    }

    private static void Sql(GdprHome home, string requestId, string sql)
    {
        using var connection = Open(home);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", requestId);
        if (command.ExecuteNonQuery() == 0)
        {
            throw new InvalidOperationException($"Tampering changed nothing: {sql}");
        }
    }

    private static SqliteConnection Open(GdprHome home)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = home.StoresFile, Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        return connection;
    }

    private static GdprHome CopyOf(GdprHome home, string target)
    {
        foreach (var file in Directory.EnumerateFiles(home.Directory, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(home.Directory, file);
            if (relative.StartsWith("logs", StringComparison.Ordinal) || file.EndsWith(".lock", StringComparison.Ordinal))
            {
                continue;
            }

            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return GdprHome.At(target);
    }

    private static async Task<(int Exit, List<(string RequestId, string Kind)> Findings)> VerifyAsync(GdprHome home, CancellationToken cancellationToken)
    {
        var (exit, output) = await GdprCommand.RunAsync(home.Directory, ["audit", "verify", "--all", "--json"], cancellationToken);
        var report = JsonNode.Parse(output.Trim().Split('\n')[^1]);
        var findings = ((report?["broken"] as JsonArray) ?? [])
            .Select(b => (b?["requestId"]?.GetValue<string>() ?? "?", b?["kind"]?.GetValue<string>() ?? "?"))
            .ToList();
        return (exit, findings);
    }

    /// <summary>Submits <paramref name="count"/> requests through <c>gdpr serve</c> and waits until every one is final.</summary>
    private static async Task<List<string>> RunRequestsAsync(GdprHome home, string directory, int count, CancellationToken cancellationToken)
    {
        var template = RepositoryTemplate.Find();
        await using var host = new ServeHost(home.Directory, Registries.SyncOnly(directory, template), template);
        using var api = new ApiClient(host, 8, TimeSpan.FromMinutes(2));
        await host.StartAsync(cancellationToken);
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var body = new JsonObject
            {
                ["identifiers"] = new JsonArray(new JsonObject { ["kind"] = "email", ["value"] = string.Create(CultureInfo.InvariantCulture, $"tamper.{i}@example.org") }),
                ["channel"] = "portal",
                ["requesterAuthenticated"] = true,
                ["idempotencyKey"] = string.Create(CultureInfo.InvariantCulture, $"tamper-{i}"),
            };
            var answer = await api.PostAsync("requests", ApiRole.Officer, body, cancellationToken);
            ids.Add(answer.Status == 201 && answer.Text("requestId") is { } id ? id : throw new InvalidOperationException($"Submission {i} answered {answer.Status} {answer.ErrorCode}."));
        }

        var deadline = DateTime.UtcNow.AddMinutes(3);
        foreach (var id in ids)
        {
            while (true)
            {
                var status = await api.GetAsync($"requests/{id}", ApiRole.Officer, cancellationToken);
                if (status.Text("status") is "Completed" or "CompletedWithExceptions" or "Failed" or "Rejected" or "Cancelled")
                {
                    break;
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"Request {id} was not final within 3 minutes ({status.Text("status")}).");
                }

                await Task.Delay(250, cancellationToken);
            }
        }

        await host.StopAsync();
        return ids;
    }
}
