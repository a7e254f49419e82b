using System.Globalization;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Tests.Support;

namespace Gdpr.Workflows.Cli.Tests.Commands;

/// <summary>The commands that change requests, each a separate run of the command tree on one data directory (as separate processes would be).</summary>
public sealed class WorkflowCommandsTests : IDisposable
{
    private readonly GdprHarness gdpr = new();

    [Fact]
    public async Task Submit_Json_PrintsRequestIdAndDeadlineAsADate()
    {
        var run = await gdpr.RunAsync("submit", "--email", "jane.doe@example.com", "--customer-id", "C-1", "--json");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        run.Json["requestId"]!.GetValue<string>().Should().StartWith("req-");
        run.Json["deadline"]!.GetValue<string>().Should().MatchRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
    }

    [Fact]
    public async Task Submit_MalformedEmail_ExitsBadInput()
    {
        var run = await gdpr.RunAsync("submit", "--email", "jane.doe@@example", "--json");

        run.ExitCode.Should().Be(ExitCodes.BadInput, run.ToString());
        run.Json["error"]!["message"]!.GetValue<string>().Should().Contain("identifiers[0]");
    }

    [Fact]
    public async Task Submit_FromJsonFile_RecordsTheRequest()
    {
        var file = Path.Combine(Directory.CreateDirectory(gdpr.Home).FullName, "request.json");
        await File.WriteAllTextAsync(file, """{"identifiers": [{"kind": "email", "value": "sam@example.org"}], "channel": "web-form", "authenticated": true}""");

        var run = await gdpr.RunAsync("submit", "--file", file, "--json");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        run.Json["provisional"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task Status_AfterSubmit_ShowsAwaitingVerificationAndTheDeadline()
    {
        var id = await SubmitAsync("status@example.com");

        var run = await gdpr.RunAsync("status", id, "--json");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        run.Json["status"]!.GetValue<string>().Should().Be("AwaitingVerification");
        run.Json["deadline"]!.GetValue<string>().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Extend_WithinTheFirstMonth_PrintsTheLaterDeadline()
    {
        var id = await SubmitAsync("extend@example.com", "--authenticated");
        var before = (await gdpr.RunAsync("status", id, "--json")).Json["deadline"]!.GetValue<string>();

        var run = await gdpr.RunAsync("extend", id, "--months", "2", "--reason", "complex", "--detail", "many systems", "--json");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        DateOnly.Parse(run.Json["deadline"]!.GetValue<string>(), CultureInfo.InvariantCulture).Should().BeAfter(DateOnly.Parse(before, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Extend_AfterTheFirstMonth_IsRefused()
    {
        var received = DateTime.UtcNow.AddMonths(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var id = await SubmitAsync("late@example.com", "--authenticated", "--received", received);

        var run = await gdpr.RunAsync("extend", id, "--months", "1", "--reason", "complex");

        run.ExitCode.Should().Be(ExitCodes.Conflict, run.ToString()); // told today, after the first month: refused
        run.Error.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Extend_ThreeMonths_IsRefused()
    {
        var id = await SubmitAsync("three@example.com", "--authenticated");

        var run = await gdpr.RunAsync("extend", id, "--months", "3", "--reason", "complex");

        run.ExitCode.Should().BeOneOf(ExitCodes.BadInput, ExitCodes.Conflict);
    }

    [Fact]
    public async Task Pause_ErasureRequestByDefault_RefusedUnderArt12A()
    {
        var id = await SubmitAsync("pause@example.com", "--authenticated");

        var paused = await gdpr.RunAsync("pause", id, "--reason", "which account", "--json");

        paused.ExitCode.Should().Be(ExitCodes.Conflict, paused.ToString());
        paused.Error.Should().Contain("Art. 12A");
    }

    [Fact]
    public async Task Verify_ThenTaskAnswered_CompletesTheRequest()
    {
        var id = await SubmitAsync("flow@example.com");

        var verified = await gdpr.RunAsync("verify", id, "--method", "id-document", "--json");
        var token = await SupportDeskTokenAsync(id);
        var answered = await gdpr.RunAsync("task", "succeed", token, "--outcome", "erased", "--reference", "T-1", "--json");
        var again = await gdpr.RunAsync("task", "succeed", token, "--outcome", "erased");
        var status = await gdpr.RunAsync("status", id, "--json");

        verified.ExitCode.Should().Be(ExitCodes.Ok, verified.ToString());
        answered.ExitCode.Should().Be(ExitCodes.Ok, answered.ToString());
        again.ExitCode.Should().Be(ExitCodes.Conflict, again.ToString());
        status.Json["status"]!.GetValue<string>().Should().BeOneOf("Completed", "CompletedWithExceptions");
        status.Json["systems"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "support-desk")!["state"]!.GetValue<string>().Should().Be("Erased");
    }

    /// <summary>
    /// The support desk's task token for the request. Without gdpr serve the workflow moves only while a command runs the
    /// engine, until it has been quiet for a second; on a loaded machine (CI) the verify command may stop before the task
    /// is sent, so a retry runs the engine again, as an officer would.
    /// </summary>
    private async Task<string> SupportDeskTokenAsync(string requestId)
    {
        for (var attempt = 1; ; attempt++)
        {
            var tasks = await gdpr.RunAsync("task", "list", "--system", "support-desk", "--json");
            var task = tasks.Json["tasks"]!.AsArray().FirstOrDefault(t => t!["requestId"]!.GetValue<string>() == requestId);
            if (task is not null || attempt == 3)
            {
                return task?["taskToken"]?.GetValue<string>() ?? throw new InvalidOperationException($"No support-desk task for {requestId}: {tasks}");
            }

            (await gdpr.RunAsync("retry", requestId)).ExitCode.Should().Be(ExitCodes.Ok);
        }
    }

    [Fact]
    public async Task Verify_WithoutMethod_ExitsBadInput()
    {
        var run = await gdpr.RunAsync("verify", "req-anything");

        run.ExitCode.Should().Be(ExitCodes.BadInput);
        run.Error.Should().Contain("--method");
    }

    [Fact]
    public async Task TaskSucceed_UnknownToken_ExitsNotFound()
    {
        var run = await gdpr.RunAsync("task", "succeed", "no-such-token", "--outcome", "erased");

        run.ExitCode.Should().Be(ExitCodes.NotFound, run.ToString());
    }

    [Fact]
    public async Task TaskSucceed_RetainedWithoutGround_ExitsBadInput()
    {
        var run = await gdpr.RunAsync("task", "succeed", "some-token", "--outcome", "retained");

        run.ExitCode.Should().Be(ExitCodes.BadInput);
        run.Error.Should().Contain("--ground");
    }

    [Fact]
    public async Task TaskFail_UnknownToken_ExitsNotFound()
    {
        var run = await gdpr.RunAsync("task", "fail", "no-such-token", "--error", "Erasure.TransientError", "--cause", "system-down");

        run.ExitCode.Should().Be(ExitCodes.NotFound, run.ToString());
    }

    [Fact]
    public async Task TaskHeartbeat_UnknownToken_ExitsNotFound()
    {
        var run = await gdpr.RunAsync("task", "heartbeat", "no-such-token");

        run.ExitCode.Should().Be(ExitCodes.NotFound, run.ToString());
    }

    [Fact]
    public async Task Cancel_OpenRequest_CancelsItAndASecondCancelChangesNothing()
    {
        var id = await SubmitAsync("cancel@example.com");

        var first = await gdpr.RunAsync("cancel", id, "--reason", "withdrawn-by-subject", "--json");
        var second = await gdpr.RunAsync("cancel", id, "--reason", "withdrawn-by-subject", "--json");
        var status = await gdpr.RunAsync("status", id, "--json");

        first.ExitCode.Should().Be(ExitCodes.Ok, first.ToString());
        first.Json["cancelledNow"]!.GetValue<bool>().Should().BeTrue();
        second.Json["cancelledNow"]!.GetValue<bool>().Should().BeFalse();
        status.Json["status"]!.GetValue<string>().Should().Be("Cancelled");
    }

    [Fact]
    public async Task Retry_ClosedRequest_ExitsConflict()
    {
        var id = await SubmitAsync("retry@example.com");
        await gdpr.RunAsync("cancel", id, "--reason", "withdrawn-by-subject");

        var run = await gdpr.RunAsync("retry", id);

        run.ExitCode.Should().Be(ExitCodes.Conflict, run.ToString());
    }

    [Fact]
    public async Task Retry_OpenRequest_ReportsItsRunningWorkflow()
    {
        var id = await SubmitAsync("running@example.com");

        var run = await gdpr.RunAsync("retry", id, "--json");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        run.Json["result"]!.GetValue<string>().Should().Contain("running");
    }

    [Fact]
    public async Task ListAndHistoryAndExport_AfterSubmit_ShowTheRequest()
    {
        var id = await SubmitAsync("listed@example.com");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var list = await gdpr.RunAsync("list", "--json");
        var dueSoon = await gdpr.RunAsync("list", "--due-within", "7d", "--json");
        var bySubject = await gdpr.RunAsync("history", "--subject", "LISTED@example.com", "--json");
        var byDay = await gdpr.RunAsync("history", "--from", today, "--json");
        var export = await gdpr.RunAsync("export", "--format", "jsonl", "--from", today, "--to", today);
        var report = await gdpr.RunAsync("report", "--json");

        list.Json["items"]!.AsArray().Select(i => i!["requestId"]!.GetValue<string>()).Should().Contain(id);
        dueSoon.Json["items"]!.AsArray().Should().BeEmpty();
        bySubject.Json["events"]!.AsArray().Should().NotBeEmpty().And.OnlyContain(e => e!["requestId"]!.GetValue<string>() == id);
        byDay.Json["events"]!.AsArray().Should().NotBeEmpty();
        export.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().NotBeEmpty().And.AllSatisfy(line => line.Should().Contain(id));
        report.Json["received"]!.GetValue<int>().Should().Be(1);
        export.Out.Should().NotContain("listed@example.com");
    }

    private async Task<string> SubmitAsync(string email, params string[] more)
    {
        var run = await gdpr.RunAsync(["submit", "--email", email, "--json", .. more]);
        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        return run.Json["requestId"]!.GetValue<string>();
    }

    public void Dispose() => gdpr.Dispose();
}
