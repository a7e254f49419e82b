using System.Globalization;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Tests.Support;
using Gdpr.Workflows.Local;
using Gdpr.Workflows.Samples.Lake;
using Gdpr.Workflows.Samples.Seeding;

namespace Gdpr.Workflows.Cli.Tests.Commands;

public sealed class DemoCommandTests : IDisposable
{
    private readonly GdprHarness gdpr = new();

    [Fact]
    public async Task Demo_Json_ErasesTheCustomerEverywhereAndVerifiesTheAuditChain()
    {
        var started = DateTime.UtcNow;

        var run = await gdpr.RunAsync("demo", "--json", "--customers", "50", "--seed", "7");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(60));
        var result = run.Json;
        result["requestId"]!.GetValue<string>().Should().StartWith("req-");
        result["status"]!.GetValue<string>().Should().BeOneOf("Completed", "CompletedWithExceptions");
        result["auditVerified"]!.GetValue<bool>().Should().BeTrue();
        result["subjectDataRemaining"]!.GetValue<int>().Should().Be(0);
        var systems = result["systems"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()).ToList();
        systems.Should().BeEquivalentTo(["orders", "crm", "marketing", "support-desk", "orders-lake", "clickstream-lake"]);
        foreach (var lake in new[] { "orders-lake", "clickstream-lake" })
        {
            result["systems"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == lake)!["outcome"]!.GetValue<string>().Should().Be("erased", lake);
        }

        var orders = result["systems"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "orders")!;
        orders["outcome"]!.GetValue<string>().Should().Be("retained");
        orders["ground"]!.GetValue<string>().Should().Be("Art. 17(3)(b)");
        orders["until"]!.GetValue<string>().Should().MatchRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
    }

    [Fact]
    public async Task Demo_ThenStatusAndAudit_ShowTheSameRequest()
    {
        var demo = await gdpr.RunAsync("demo", "--json", "--customers", "20");
        var requestId = demo.Json["requestId"]!.GetValue<string>();

        var status = await gdpr.RunAsync("status", requestId, "--json");
        var audit = await gdpr.RunAsync("audit", "verify", "--request", requestId, "--json");

        status.ExitCode.Should().Be(ExitCodes.Ok, status.ToString());
        status.Json["systems"]!.AsArray().Should().HaveCount(6);
        status.Json["deadline"]!.GetValue<string>().Should().MatchRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
        audit.Json["verified"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Demo_ThenTaskList_ShowsNoTaskAndAllSaysTheDeskAndTheLakesWereAnswered()
    {
        var demo = await gdpr.RunAsync("demo", "--json", "--customers", "20", "--seed", "3");
        var requestId = demo.Json["requestId"]!.GetValue<string>();

        var open = await gdpr.RunAsync("task", "list", "--json");
        var all = await gdpr.RunAsync("task", "list", "--all", "--json");
        var text = await gdpr.RunAsync("task", "list");

        open.ExitCode.Should().Be(ExitCodes.Ok, open.ToString());
        open.Json["tasks"]!.AsArray().Should().BeEmpty();
        text.Out.Should().Contain("No task waits for an answer.");
        var tasks = all.Json["tasks"]!.AsArray();
        tasks.Select(t => t!["system"]!.GetValue<string>()).Should().BeEquivalentTo(["support-desk", "orders-lake", "clickstream-lake"]);
        foreach (var task in tasks)
        {
            task!["requestId"]!.GetValue<string>().Should().Be(requestId);
            task["state"]!.GetValue<string>().Should().Be("answered");
            task["answer"]!.GetValue<string>().Should().Be("succeeded");
        }
    }

    [Fact]
    public async Task Demo_SampleLake_RemovesOnlyTheCustomersRowsAndKeepsTheSchema()
    {
        var run = await gdpr.RunAsync("demo", "--json", "--customers", "40", "--seed", "11");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        // The same seed generates the same data: write the lake again, untouched, and compare it with the erased one.
        var lakeFolder = Path.Combine(gdpr.Home, LocalDefaults.SamplesFolder, "lake");
        var erased = new SampleLake(lakeFolder);
        var lastDay = DateOnly.ParseExact(Directory.GetDirectories(Path.Combine(erased.BucketFolder, Clickstream.Prefix)).Max()![^10..], "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var data = new SampleDataSeeder(11).Generate(40, lastDay);
        var untouched = new SampleLake(Path.Combine(gdpr.Home, "untouched-lake"));
        await untouched.SeedAsync(data, lastDay, 11);
        var customer = data.Customers[0];

        var orders = await erased.Orders.ReadAllAsync();
        var expectedOrders = (await untouched.Orders.ReadAllAsync()).Where(o => o.CustomerId != customer.CustomerId).ToList();
        orders.Select(Fingerprint).Should().Equal(expectedOrders.Select(Fingerprint));
        orders.Count.Should().BeLessThan((await untouched.Orders.ReadAllAsync()).Count, "the customer had orders in the export");
        foreach (var file in Directory.GetFiles(erased.BucketFolder, "*.parquet", SearchOption.AllDirectories))
        {
            var twin = Path.Combine(untouched.BucketFolder, Path.GetRelativePath(erased.BucketFolder, file));
            (await SchemaAsync(file)).Should().Be(await SchemaAsync(twin), file);
        }

        var clicks = (await erased.Clicks.ReadAllAsync()).Select(e => e.ToJsonString()).ToList();
        var expectedClicks = (await untouched.Clicks.ReadAllAsync()).Where(e => e["user"]?["customer_id"]?.GetValue<string>() != customer.CustomerId).Select(e => e.ToJsonString()).ToList();
        clicks.Should().Equal(expectedClicks);
        (await erased.Clicks.CountRemainingAsync(customer.Subject())).Should().Be(0);
    }

    private static string Fingerprint(OrderExportRow row) =>
        string.Join('|', row.OrderNumber, row.CustomerId, row.Email, row.PlacedAt.ToString("O", CultureInfo.InvariantCulture), row.Total.ToString(CultureInfo.InvariantCulture), row.ShipToCity);

    /// <summary>The file's schema as Parquet.Net reads it: names, types, repetition and nesting of every field.</summary>
    private static async Task<string> SchemaAsync(string path)
    {
        await using var file = File.OpenRead(path);
        await using var reader = await Parquet.ParquetReader.CreateAsync(file);
        return string.Join(';', reader.Schema.GetDataFields().Select(f => $"{f.Path}:{f.ClrType.Name}:{f.IsNullable}:{f.IsArray}")) + "|" + string.Join(';', reader.CustomMetadata.Select(m => m.Key + "=" + m.Value));
    }

    public void Dispose() => gdpr.Dispose();
}
