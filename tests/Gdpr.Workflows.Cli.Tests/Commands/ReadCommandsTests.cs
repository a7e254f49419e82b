using Gdpr.Workflows.Cli.Commands;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Tests.Support;

namespace Gdpr.Workflows.Cli.Tests.Commands;

/// <summary>The read-only commands on an empty data directory, and their errors.</summary>
public sealed class ReadCommandsTests : IDisposable
{
    private readonly GdprHarness gdpr = new();

    [Fact]
    public async Task Status_UnknownId_ExitsNotFoundSayingWhatToDo()
    {
        var run = await gdpr.RunAsync("status", "req-does-not-exist");

        run.ExitCode.Should().Be(ExitCodes.NotFound, run.ToString());
        run.Error.Should().Contain("req-does-not-exist").And.Contain("gdpr list");
    }

    [Fact]
    public async Task Status_UnknownIdWithJson_PrintsErrorObject()
    {
        var run = await gdpr.RunAsync("status", "req-nope", "--json");

        run.ExitCode.Should().Be(ExitCodes.NotFound);
        run.Json["error"]!["code"]!.GetValue<string>().Should().Be("not_found");
    }

    [Fact]
    public async Task List_EmptyHome_PrintsNoItems()
    {
        var run = await gdpr.RunAsync("list", "--json");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        run.Json["items"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task List_StatusAndOverdueTogether_ExitsBadInput()
    {
        var run = await gdpr.RunAsync("list", "--status", "Completed", "--overdue");

        run.ExitCode.Should().Be(ExitCodes.BadInput, run.ToString());
    }

    [Fact]
    public async Task List_UnknownStatus_ExitsBadInputNamingTheStatuses()
    {
        var run = await gdpr.RunAsync("list", "--status", "Done");

        run.ExitCode.Should().Be(ExitCodes.BadInput);
        run.Error.Should().Contain("CompletedWithExceptions");
    }

    [Fact]
    public async Task UnknownCommand_ExitsBadInput()
    {
        var run = await gdpr.RunAsync("frobnicate");

        run.ExitCode.Should().Be(ExitCodes.BadInput);
        run.Error.Should().Contain("frobnicate").And.Contain("--help");
    }

    [Fact]
    public async Task Help_ListsEveryCommandAndTheExitCodes()
    {
        var run = await gdpr.RunAsync("--help");

        run.ExitCode.Should().Be(ExitCodes.Ok);
        foreach (var command in new[] { "demo", "serve", "submit", "status", "list", "extend", "verify", "pause", "resume", "retry", "cancel", "task", "history", "export", "audit", "report" })
        {
            run.Out.Should().Contain(command);
        }

        run.Out.Should().Contain("2 bad input").And.Contain("3 not found").And.Contain("4 conflict");
    }

    [Fact]
    public async Task Export_EmptyRangeAsCsv_PrintsTheHeaderOnly()
    {
        var run = await gdpr.RunAsync("export", "--format", "csv", "--from", "2020-01-01", "--to", "2020-12-31");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        run.Out.Should().Be(ExportCommand.CsvHeader + Environment.NewLine);
    }

    [Fact]
    public async Task Export_EmptyRangeAsJsonLines_PrintsNothing()
    {
        var run = await gdpr.RunAsync("export", "--format", "jsonl", "--from", "2020-01-01", "--to", "2021-06-30");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        run.Out.Should().BeEmpty();
    }

    [Theory]
    [InlineData("xml", "2020-01-01", "2020-01-02")]
    [InlineData("csv", "2020-13-01", "2020-01-02")]
    [InlineData("csv", "2020-02-01", "2020-01-02")]
    public async Task Export_BadArguments_ExitBadInput(string format, string from, string to)
    {
        var run = await gdpr.RunAsync("export", "--format", format, "--from", from, "--to", to);

        run.ExitCode.Should().Be(ExitCodes.BadInput, run.ToString());
    }

    [Fact]
    public async Task History_WithoutASelector_ExitsBadInput()
    {
        var run = await gdpr.RunAsync("history");

        run.ExitCode.Should().Be(ExitCodes.BadInput);
        run.Error.Should().Contain("--request").And.Contain("--subject");
    }

    [Fact]
    public async Task History_UnknownRequest_ExitsNotFound()
    {
        var run = await gdpr.RunAsync("history", "--request", "req-unknown");

        run.ExitCode.Should().Be(ExitCodes.NotFound, run.ToString());
    }

    [Fact]
    public async Task History_SubjectNobodyAskedAbout_ListsNothing()
    {
        var run = await gdpr.RunAsync("history", "--subject", "nobody@example.com", "--json");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        run.Json["events"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task History_MalformedEmail_ExitsBadInput()
    {
        var run = await gdpr.RunAsync("history", "--subject", "not@an@email");

        run.ExitCode.Should().Be(ExitCodes.BadInput, run.ToString());
    }

    [Fact]
    public async Task AuditVerify_UnknownRequest_ExitsNotFound()
    {
        var run = await gdpr.RunAsync("audit", "verify", "--request", "req-unknown");

        run.ExitCode.Should().Be(ExitCodes.NotFound, run.ToString());
    }

    [Fact]
    public async Task AuditVerify_AllOnEmptyHome_IsVerified()
    {
        var run = await gdpr.RunAsync("audit", "verify", "--all", "--json");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        run.Json["verified"]!.GetValue<bool>().Should().BeTrue();
        run.Json["requests"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task AuditVerify_NeitherRequestNorAll_ExitsBadInput()
    {
        var run = await gdpr.RunAsync("audit", "verify");

        run.ExitCode.Should().Be(ExitCodes.BadInput);
    }

    [Fact]
    public async Task Report_EmptyHome_CountsNothing()
    {
        var run = await gdpr.RunAsync("report", "--from", "2024-01-01", "--to", "2024-12-31", "--json");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        run.Json["received"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task Extend_UnknownRequest_ExitsNotFound()
    {
        var run = await gdpr.RunAsync("extend", "req-unknown", "--months", "1", "--reason", "complex");

        run.ExitCode.Should().Be(ExitCodes.NotFound, run.ToString());
    }

    [Fact]
    public async Task TaskList_EmptyHome_PrintsNoTasks()
    {
        var run = await gdpr.RunAsync("task", "list", "--json");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        run.Json["tasks"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Submit_NoIdentifier_ExitsBadInput()
    {
        var run = await gdpr.RunAsync("submit", "--json");

        run.ExitCode.Should().Be(ExitCodes.BadInput);
        run.Json["error"]!["hint"]!.GetValue<string>().Should().Contain("--email");
    }

    [Fact]
    public async Task Submit_ReceivedInTheFuture_ExitsBadInput()
    {
        var run = await gdpr.RunAsync("submit", "--email", "a@example.com", "--received", "2999-01-01");

        run.ExitCode.Should().Be(ExitCodes.BadInput, run.ToString());
    }

    [Fact]
    public async Task Submit_MissingFile_ExitsNotFound()
    {
        var run = await gdpr.RunAsync("submit", "--file", Path.Combine(gdpr.Home, "missing.json"));

        run.ExitCode.Should().Be(ExitCodes.NotFound, run.ToString());
    }

    public void Dispose() => gdpr.Dispose();
}
