using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Tests.Support;
using Gdpr.Workflows.Stores.Tests.Support;

namespace Gdpr.Workflows.Cli.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class CliMotoCollection : ICollectionFixture<MotoServerFixture>
{
    public const string Name = "gdpr on moto_server";
}

/// <summary>
/// The officers' and auditors' commands with <c>GDPR_STORE=dynamodb</c>: the local engine on the template's DynamoDB
/// tables, created on moto_server (the Stores.Tests fixture) under a prefix of this test's own.
/// </summary>
[Collection(CliMotoCollection.Name)]
public sealed class StoreSelectionTests(MotoServerFixture moto) : IAsyncLifetime, IDisposable
{
    private readonly GdprHarness gdpr = new(moto.HttpClients);
    private DynamoDbTestTables tables = null!;

    public async Task InitializeAsync()
    {
        tables = await DynamoDbTestTables.OnMotoAsync(moto);
        gdpr.Variables[StoreSelection.StoreVariable] = "dynamodb";
        gdpr.Variables[StoreSelection.EndpointVariable] = moto.Endpoint.ToString();
        gdpr.Variables[StoreSelection.TablePrefixVariable] = tables.Prefix;
        gdpr.Variables["AWS_REGION"] = tables.Client.Config.AuthenticationRegion;
        gdpr.Variables["AWS_ACCESS_KEY_ID"] = "moto";
        gdpr.Variables["AWS_SECRET_ACCESS_KEY"] = "moto";
    }

    [Fact]
    public async Task OfficerAndAuditorCommands_OnDynamoDb_WorkAndWriteTheTables()
    {
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var late = DateTime.UtcNow.AddDays(-45).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var submitted = await OkAsync("submit", "--email", "dyn@example.com", "--authenticated", "--json");
        var id = submitted.Json["requestId"]!.GetValue<string>();
        var overdueId = (await OkAsync("submit", "--email", "overdue@example.com", "--authenticated", "--received", late, "--json")).Json["requestId"]!.GetValue<string>();
        var cancelId = (await OkAsync("submit", "--email", "withdrawn@example.com", "--json")).Json["requestId"]!.GetValue<string>();

        var status = await OkAsync("status", id, "--json");
        var open = await OkAsync("list", "--open", "--json");
        var overdue = await OkAsync("list", "--overdue", "--json");
        var extended = await OkAsync("extend", id, "--months", "2", "--reason", "numerous", "--detail", "many systems", "--json");
        var cancelled = await OkAsync("cancel", cancelId, "--reason", "withdrawn-by-subject", "--json");
        var token = await WaitForTaskAsync(id);
        await OkAsync("task", "succeed", token, "--outcome", "retained", "--ground", "b", "--until", "2031-03-31", "--data", "invoices");
        var closed = await OkAsync("status", id, "--json");
        var byRequest = await OkAsync("history", "--request", id, "--json");
        var bySubject = await OkAsync("history", "--subject", "DYN@example.com", "--json");
        var byPeriod = await OkAsync("history", "--from", today, "--to", today, "--json");
        var csv = await OkAsync("export", "--format", "csv", "--from", late, "--to", today);
        var jsonl = await OkAsync("export", "--format", "jsonl", "--from", today, "--to", today);
        var chain = await OkAsync("audit", "verify", "--all", "--json");
        var report = await OkAsync("report", "--from", late, "--to", today, "--json");

        submitted.Json["deadline"]!.GetValue<string>().Should().MatchRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
        status.Json["systems"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()).Should().Contain(["orders", "crm", "marketing"]);
        Ids(open).Should().Contain([id, overdueId, cancelId]);
        Ids(overdue).Should().Equal(overdueId);
        DateOnly.Parse(extended.Json["deadline"]!.GetValue<string>(), CultureInfo.InvariantCulture)
            .Should().BeAfter(DateOnly.Parse(status.Json["deadline"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        cancelled.Json["cancelledNow"]!.GetValue<bool>().Should().BeTrue();
        // The support desk declares no retention rule, so the workflow's retention check refuses its "retained" answer.
        closed.Json["status"]!.GetValue<string>().Should().Be("CompletedWithExceptions");
        var desk = closed.Json["systems"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "support-desk")!;
        desk["state"]!.GetValue<string>().Should().Be("Failed");
        desk["retainedGround"].Should().BeNull();
        byRequest.Json["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).Should().Contain(["RequestReceived", "DeadlineExtended", "RequestCompleted"]);
        bySubject.Json["events"]!.AsArray().Should().NotBeEmpty().And.OnlyContain(e => e!["requestId"]!.GetValue<string>() == id);
        byPeriod.Json["events"]!.AsArray().Select(e => e!["requestId"]!.GetValue<string>()).Should().Contain([id, cancelId]);
        csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0].Should().Be(Cli.Commands.ExportCommand.CsvHeader);
        csv.Out.Should().Contain(overdueId).And.NotContain("dyn@example.com");
        jsonl.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().NotBeEmpty().And.AllSatisfy(line => line.Should().StartWith("{\"requestId\""));
        chain.Json["verified"]!.GetValue<bool>().Should().BeTrue();
        chain.Json["requests"]!.GetValue<int>().Should().Be(3);
        report.Json["received"]!.GetValue<int>().Should().Be(3);

        var items = await tables.Client.ScanAsync(new ScanRequest { TableName = tables.Options.RequestsTable });
        items.Items.Select(i => i["requestId"].S).Should().Contain([id, overdueId, cancelId], "the requests live in the DynamoDB table");
        File.Exists(Path.Combine(gdpr.Home, "stores.db")).Should().BeFalse("nothing is written to SQLite with --store dynamodb");
    }

    [Fact]
    public async Task ReadCommands_WithAwsOnTheSameTables_SeeWhatTheLocalEngineWrote()
    {
        var id = (await OkAsync("submit", "--email", "deployed@example.com", "--json")).Json["requestId"]!.GetValue<string>();
        gdpr.Variables.Remove(StoreSelection.StoreVariable);

        var status = await OkAsync("status", id, "--aws", "--json");
        var list = await OkAsync("list", "--aws", "--json");
        var verify = await OkAsync("audit", "verify", "--request", id, "--aws", "--json");

        status.Json["status"]!.GetValue<string>().Should().Be("AwaitingVerification");
        Ids(list).Should().Contain(id);
        verify.Json["verified"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Store_UnknownName_ExitsBadInput()
    {
        var run = await gdpr.RunAsync("status", "req-1", "--store", "postgres");

        run.ExitCode.Should().Be(ExitCodes.BadInput, run.ToString());
        run.Error.Should().Contain("sqlite or dynamodb");
    }

    [Fact]
    public async Task Store_DynamoDbWithoutTableNames_ExitsBadInputNamingThem()
    {
        gdpr.Variables.Remove(StoreSelection.TablePrefixVariable);

        var run = await gdpr.RunAsync("list");

        run.ExitCode.Should().Be(ExitCodes.BadInput, run.ToString());
        run.Error.Should().Contain("--table-prefix").And.Contain("REQUESTS_TABLE");
    }

    public async Task DisposeAsync() => await tables.DisposeAsync();

    public void Dispose() => gdpr.Dispose();

    /// <summary>The support desk's task: sent once the workflow (running again with each command) reaches it.</summary>
    private async Task<string> WaitForTaskAsync(string requestId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var tasks = await OkAsync("task", "list", "--request", requestId, "--json");
            if (tasks.Json["tasks"]!.AsArray().FirstOrDefault() is { } task)
            {
                return task["taskToken"]!.GetValue<string>();
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "the workflow sends the support desk a task");

            // Reading does not run the engine; retry does (its workflow is running: it resumes and settles).
            await OkAsync("retry", requestId);
        }
    }

    private static IEnumerable<string> Ids(CliRun run) => run.Json["items"]!.AsArray().Select(i => i!["requestId"]!.GetValue<string>());

    private async Task<CliRun> OkAsync(params string[] args)
    {
        var run = await gdpr.RunAsync(args);
        run.ExitCode.Should().Be(ExitCodes.Ok, string.Join(' ', args) + "\n" + run);
        return run;
    }
}
