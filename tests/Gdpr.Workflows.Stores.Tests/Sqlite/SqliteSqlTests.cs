using System.Reflection;
using System.Text.RegularExpressions;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Stores.Sqlite;
using Gdpr.Workflows.Stores.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Gdpr.Workflows.Stores.Tests.Sqlite;

/// <summary>
/// EXPLAIN QUERY PLAN on every statement in SqliteSql (found by reflection, so a new query is checked
/// without being listed here): each table access must be an index SEARCH, never a SCAN, and no ORDER BY may
/// need a temporary sort - on a fresh file and after ANALYZE has seen data.
/// </summary>
public sealed partial class SqliteSqlTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempSqliteDatabase _file = new();

    public static TheoryData<string> Statements()
    {
        var data = new TheoryData<string>();
        foreach (var name in AllStatements().Keys)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public void Statement_FreshFile_UsesIndexesOnly(string name)
    {
        PlanProblems(name).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public async Task Statement_AfterAnalyzeWithData_UsesIndexesOnly(string name)
    {
        await FillAsync();
        using (var connection = Open())
        using (var analyze = connection.CreateCommand())
        {
            analyze.CommandText = "ANALYZE";
            analyze.ExecuteNonQuery();
        }

        PlanProblems(name).Should().BeEmpty();
    }

    [Fact]
    public void Statements_Found_CoverEveryTable()
    {
        var sql = string.Join("\n", AllStatements().Values);

        foreach (var table in new[] { "audit_events", "vault_records", "vault_keys", "requests", "request_subjects", "task_tokens" })
        {
            sql.Should().Contain(table);
        }

        AllStatements().Should().HaveCountGreaterThan(25);
    }

    public void Dispose() => _file.Dispose();

    private static Dictionary<string, string> AllStatements() =>
        typeof(SqliteStoreDatabase).Assembly.GetType("Gdpr.Workflows.Stores.Sqlite.SqliteSql", throwOnError: true)!
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (f.Name, Sql: (string)f.GetRawConstantValue()!))
            .Where(s => Regex.IsMatch(s.Sql, @"^\s*(SELECT|INSERT|UPDATE|DELETE)\b", RegexOptions.IgnoreCase))
            .ToDictionary(s => s.Name, s => s.Sql);

    private List<string> PlanProblems(string name)
    {
        var sql = AllStatements()[name];
        using var connection = Open();
        using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var parameter in ParameterPattern().Matches(sql).Select(m => m.Value).Distinct())
        {
            explain.Parameters.AddWithValue(parameter, DBNull.Value);
        }

        var plan = new List<string>();
        using (var reader = explain.ExecuteReader())
        {
            while (reader.Read())
            {
                plan.Add(reader.GetString(3));
            }
        }

        output.WriteLine($"{name}:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", plan)}");
        return plan.Where(step => step.StartsWith("SCAN ", StringComparison.Ordinal) || step.Contains("TEMP B-TREE", StringComparison.Ordinal))
            .Select(step => $"{name}: {step}")
            .ToList();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={_file.FilePath};Pooling=false");
        connection.Open();
        return connection;
    }

    /// <summary>Enough rows, with realistic skew (many events per request, few statuses), for ANALYZE to have opinions.</summary>
    private async Task FillAsync()
    {
        using var stores = SqliteStores.Open(_file.FilePath);
        var requests = new List<ErasureRequest>();
        var events = new List<AuditEvent>();
        for (var i = 0; i < 300; i++)
        {
            var id = $"req-{i:D5}";
            var status = (RequestStatus)(i % 8);
            requests.Add(RequestSamples.New(id, status, receivedAt: RequestSamples.Received.AddMinutes(i), subjectHashes: [AuditSamples.SubjectHash($"s{i % 50}")]));
            events.AddRange(AuditSamples.Chain(id, 8, n => AuditSamples.Draft(n, $"k{n}", system: n % 3 == 0 ? "crm" : null, subjectHash: AuditSamples.SubjectHash($"s{i % 50}")),
                n => AuditSamples.Start.AddMinutes((i * 8) + n)));
        }

        stores.ImportBatch(requests, events);
        var tokens = new SqliteTaskTokenStore(stores.Database);
        await tokens.PutAsync(new Erasure.Ports.TaskTokenRecord("req-00001", "identity-verification", "t", "arn", RequestSamples.Received, null));
    }

    [GeneratedRegex(@"\$[a-z_]+")]
    private static partial Regex ParameterPattern();
}
