using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Integrations.Lambda;
using Gdpr.Workflows.Engine.Sam;
using Gdpr.Workflows.Local;
using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.Cli.Tests.Local;

public sealed class DailySchedulesTests : IDisposable
{
    private const string Arn = "arn:aws:lambda:eu-west-2:123456789012:function:gdpr-workflows-dev-RemindersFunction";
    private static readonly SamSchedule Daily = new("RemindersFunction", Arn, "Daily", new TimeOnly(8, 0), TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));

    // Saturday 5 December 2026, 07:00 in London (GMT).
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 5, 7, 0, 0, TimeSpan.Zero));
    private readonly LambdaFunctionRegistry functions = new("eu-west-2", "123456789012");
    private readonly List<string> invocations = [];
    private readonly List<string> log = [];
    private readonly DailySchedules schedules;
    private int failuresLeft;

    public DailySchedulesTests()
    {
        functions.Register(Arn, (payload, context, _) =>
        {
            if (failuresLeft-- > 0)
            {
                throw new InvalidOperationException("the table is busy");
            }

            invocations.Add(context.IdempotencyKey);
            return Task.FromResult<JsonNode?>(new JsonObject { ["open"] = 0 });
        });
        schedules = new DailySchedules([Daily], functions, time, (_, line) => log.Add(line));
    }

    [Fact]
    public async Task LookAsync_BeforeAndAfterTheTime_RunsOnceADay()
    {
        var early = await schedules.LookAsync(CancellationToken.None);
        time.SetUtcNow(new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero));
        var atEight = await schedules.LookAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromHours(3));
        var later = await schedules.LookAsync(CancellationToken.None);
        time.SetUtcNow(new DateTimeOffset(2026, 12, 6, 8, 5, 0, TimeSpan.Zero));
        var nextDay = await schedules.LookAsync(CancellationToken.None);

        (early.Count, atEight.Count, later.Count, nextDay.Count).Should().Be((0, 1, 0, 1));
        invocations.Should().Equal("RemindersFunction/2026-12-05", "RemindersFunction/2026-12-06");
        log.Should().Contain("schedule RemindersFunction.Daily ran for 2026-12-05: {\"open\":0}");
    }

    [Fact]
    public async Task LookAsync_RunFailed_TriesAgainAtTheNextLook()
    {
        failuresLeft = 1;
        time.SetUtcNow(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));

        var failed = await schedules.LookAsync(CancellationToken.None);
        var retried = await schedules.LookAsync(CancellationToken.None);

        failed.Should().BeEmpty();
        retried.Should().ContainSingle();
        log[0].Should().Be("schedule RemindersFunction.Daily failed (InvalidOperationException: the table is busy); trying again in 5 minutes");
    }

    [Fact]
    public async Task Start_TimerFires_RunsWithoutBeingAsked()
    {
        time.SetUtcNow(new DateTimeOffset(2026, 12, 5, 7, 58, 0, TimeSpan.Zero));
        schedules.Start();

        time.Advance(DailySchedules.LookEvery);

        // The timer's look runs on the thread pool: wait for its one invocation.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (invocations.Count == 0 && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10);
        }

        invocations.Should().Equal("RemindersFunction/2026-12-05");
    }

    public void Dispose() => schedules.Dispose();
}
