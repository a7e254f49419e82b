using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Tests.Support;

namespace Gdpr.Workflows.Cli.Tests.Commands;

/// <summary>
/// The clock's commands on a real data directory. Every date is worked by hand in the comment (GOV.UK bank holiday
/// lists, a printed calendar); past dates only, as the commands refuse future arrivals.
/// </summary>
public sealed class ClockCommandsTests : IDisposable
{
    private readonly GdprHarness gdpr = new();

    public void Dispose() => gdpr.Dispose();

    [Theory]
    [InlineData("2027-01-31", "uk-ew", 1, "2027-03-01", "2027-02-28")] // no 31 Feb: Sun 28 Feb → Mon 1 Mar
    [InlineData("2027-12-03", "uk-ew", 1, "2028-01-04", "2028-01-03")] // Mon 3 Jan 2028 New Year's Day (substitute) → Tue 4 Jan
    [InlineData("2027-12-03", "uk-sct", 1, "2028-01-05", "2028-01-03 2028-01-04")] // Scotland: 3 and 4 Jan → Wed 5 Jan
    [InlineData("2027-02-26", "uk-ew", 1, "2027-03-30", "2027-03-26 2027-03-27 2027-03-28 2027-03-29")] // Easter 2027: Good Friday 26 Mar to Easter Monday 29 Mar
    [InlineData("2028-11-30", "uk-ew", 1, "2029-01-02", "2028-12-30 2028-12-31 2029-01-01")] // failed before: no 2029 data
    [InlineData("2028-09-30", "uk-ew", 3, "2029-01-02", "2028-12-30 2028-12-31 2029-01-01")] // extended: failed before
    [InlineData("2000-02-29", "uk-ni", 1, "2000-03-29", "")] // Wed 29 Mar 2000
    [InlineData("2100-11-30", "uk-sct", 1, "2100-12-30", "")] // Thu 30 Dec 2100
    public async Task Deadline_AnyDateAnyNation_DeadlineAndSkippedDays(string received, string jurisdiction, int months, string due, string skipped)
    {
        var run = await gdpr.RunAsync("deadline", "--received", received, "--jurisdiction", jurisdiction, "--months", months.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        run.Json["deadline"]!.GetValue<string>().Should().Be(due);
        run.Json["skipped"]!.AsArray().Select(s => s!["date"]!.GetValue<string>())
            .Should().Equal(skipped.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        run.Json["skipped"]!.AsArray().Select(s => s!["why"]!.GetValue<string>()).Should().NotContain(string.Empty);
        Directory.Exists(gdpr.Home).Should().BeFalse("planning records nothing");
    }

    [Theory]
    [InlineData("--jurisdiction", "fr")]
    [InlineData("--months", "4")]
    public async Task Deadline_BadOption_BadInput(string option, string value)
    {
        var run = await gdpr.RunAsync("deadline", "--received", "2027-01-31", option, value, "--json");

        run.ExitCode.Should().Be(ExitCodes.BadInput, run.ToString());
    }

    [Fact]
    public async Task Submit_ArrivedInThePast_DeadlineCountsFromArrivalInTheNationGiven()
    {
        // Received Fri 28 Nov 2025 in Scotland: + 1 month = Sun 28 Dec → Mon 29 Dec 2025.
        var run = await gdpr.RunAsync("submit", "--email", "scot@example.com", "--received", "2025-11-28", "--authenticated", "--jurisdiction", "uk-sct", "--json");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        run.Json["deadline"]!.GetValue<string>().Should().Be("2025-12-29");
        run.Json["jurisdiction"]!.GetValue<string>().Should().Be("uk-sct");
        run.Json["receivedOn"]!.GetValue<string>().Should().Be("2025-11-28");
    }

    [Fact]
    public async Task Submit_ArrivalInTheFuture_BadInput()
    {
        var tomorrow = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var run = await gdpr.RunAsync("submit", "--email", "future@example.com", "--received", tomorrow, "--json");

        run.ExitCode.Should().Be(ExitCodes.BadInput, run.ToString());
    }

    [Fact]
    public async Task Extend_ToldWithinTheFirstMonth_InEffect()
    {
        var id = await SubmitAsync("extend@example.com", "--received", "2025-01-31", "--authenticated");

        // First month: no 31 Feb → Fri 28 Feb 2025. Told Mon 10 Feb: 3 months → no 31 Apr → Wed 30 Apr 2025.
        var run = await gdpr.RunAsync("extend", id, "--months", "2", "--reason", "complex", "--detail", "four archives", "--told-on", "2025-02-10", "--json");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        run.Json["deadline"]!.GetValue<string>().Should().Be("2025-04-30");
        run.Json["inEffect"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Extend_ToldAfterTheFirstMonth_Exit4AndTheDeadlineStays()
    {
        var id = await SubmitAsync("late@example.com", "--received", "2025-01-31", "--authenticated");

        // The first month ended Fri 28 Feb 2025; told Mon 3 Mar: too late.
        var run = await gdpr.RunAsync("extend", id, "--months", "1", "--reason", "numerous", "--told-on", "2025-03-03", "--json");
        var status = await gdpr.RunAsync("status", id, "--json");

        run.ExitCode.Should().Be(ExitCodes.Conflict, run.ToString());
        status.Json["deadline"]!.GetValue<string>().Should().Be("2025-02-28");
    }

    [Fact]
    public async Task Extend_Untold_ShownAsNotInEffect()
    {
        var id = await SubmitAsync("untold@example.com", "--authenticated");

        var run = await gdpr.RunAsync("extend", id, "--months", "1", "--reason", "complex", "--untold", "--json");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        run.Json["inEffect"]!.GetValue<bool>().Should().BeFalse();
        run.Json["extensions"]!.AsArray().Single()!["inEffect"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task Extend_FreeTextReason_BadInput()
    {
        var id = await SubmitAsync("reason@example.com", "--authenticated");

        var run = await gdpr.RunAsync("extend", id, "--months", "1", "--reason", "many systems", "--json");

        run.ExitCode.Should().Be(ExitCodes.BadInput, run.ToString());
    }

    [Fact]
    public async Task Verify_InformationArrivedEarlier_ClockStartsThatDay()
    {
        var id = await SubmitAsync("verify@example.com", "--received", "2025-03-03");

        // The identity document arrived Wed 5 Mar 2025: + 1 month = Sat 5 Apr → Mon 7 Apr 2025.
        var run = await gdpr.RunAsync("verify", id, "--method", "id-document", "--received-on", "2025-03-05", "--json");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        run.Json["clockStartedOn"]!.GetValue<string>().Should().Be("2025-03-05");
        run.Json["deadline"]!.GetValue<string>().Should().Be("2025-04-07");
    }

    [Fact]
    public async Task PauseAndResume_SettingAnyRequest_DatesAndReasonRecordedBothDaysCounted()
    {
        Directory.CreateDirectory(gdpr.Home);
        await File.WriteAllTextAsync(Path.Combine(gdpr.Home, "settings.json"), """{"clarificationPause": "any-request"}""");
        var id = await SubmitAsync("pause@example.com", "--received", "2025-03-03", "--authenticated");

        var paused = await gdpr.RunAsync("pause", id, "--reason", "which of two accounts", "--asked-on", "2025-03-10", "--json");
        var resumed = await gdpr.RunAsync("resume", id, "--answered-on", "2025-03-15", "--json");

        // Due Thu 3 Apr 2025; asked Mon 10 Mar, answered Sat 15 Mar: 6 days, both included → Wed 9 Apr 2025.
        paused.ExitCode.Should().Be(ExitCodes.Ok, paused.ToString());
        paused.Json["clockStopped"]!.GetValue<bool>().Should().BeTrue();
        resumed.ExitCode.Should().Be(ExitCodes.Ok, resumed.ToString());
        resumed.Json["deadline"]!.GetValue<string>().Should().Be("2025-04-09");
        resumed.Json["pausedDays"]!.GetValue<int>().Should().Be(6);
        resumed.Json["askedOn"]!.GetValue<string>().Should().Be("2025-03-10");
        resumed.Json["answeredOn"]!.GetValue<string>().Should().Be("2025-03-15");
        resumed.Json["reason"]!.GetValue<string>().Should().Be("which of two accounts");
    }

    private async Task<string> SubmitAsync(string email, params string[] more)
    {
        var run = await gdpr.RunAsync(["submit", "--email", email, "--json", .. more]);
        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        return run.Json["requestId"]!.GetValue<string>();
    }
}
