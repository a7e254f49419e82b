using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Tests.Support;

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
        systems.Should().BeEquivalentTo(["orders", "crm", "marketing", "support-desk"]);
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
        status.Json["systems"]!.AsArray().Should().HaveCount(4);
        status.Json["deadline"]!.GetValue<string>().Should().MatchRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
        audit.Json["verified"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Demo_ThenTaskList_ShowsNoTaskAndAllSaysTheDesksWasAnswered()
    {
        var demo = await gdpr.RunAsync("demo", "--json", "--customers", "20", "--seed", "3");
        var requestId = demo.Json["requestId"]!.GetValue<string>();

        var open = await gdpr.RunAsync("task", "list", "--json");
        var all = await gdpr.RunAsync("task", "list", "--all", "--json");
        var text = await gdpr.RunAsync("task", "list");

        open.ExitCode.Should().Be(ExitCodes.Ok, open.ToString());
        open.Json["tasks"]!.AsArray().Should().BeEmpty();
        text.Out.Should().Contain("No task waits for an answer.");
        var desk = all.Json["tasks"]!.AsArray().Single()!;
        desk["requestId"]!.GetValue<string>().Should().Be(requestId);
        desk["system"]!.GetValue<string>().Should().Be("support-desk");
        desk["state"]!.GetValue<string>().Should().Be("answered");
        desk["answer"]!.GetValue<string>().Should().Be("succeeded");
    }

    public void Dispose() => gdpr.Dispose();
}
