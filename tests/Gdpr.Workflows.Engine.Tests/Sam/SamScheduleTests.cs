using Gdpr.Workflows.Engine.Sam;

namespace Gdpr.Workflows.Engine.Tests.Sam;

public class SamScheduleTests
{
    private static SamTemplate Load(string events)
    {
        using var temp = TempTemplate.WithResources(
            $"  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: provided.al2023\n      Handler: bootstrap\n      CodeUri: src/Fn\n      Events:\n{events}");
        return SamTemplate.Load(temp.TemplatePath);
    }

    [Fact]
    public void Read_DailyCronInLondon_ReadsTimeAndZone()
    {
        var schedules = SamSchedule.Read(Load("        Daily:\n          Type: ScheduleV2\n          Properties:\n            ScheduleExpression: cron(0 8 * * ? *)\n            ScheduleExpressionTimezone: Europe/London\n"), out var unsupported);

        var daily = schedules.Should().ContainSingle().Subject;
        (daily.FunctionLogicalId, daily.EventName, daily.At, daily.TimeZone.Id).Should().Be(("Fn", "Daily", new TimeOnly(8, 0), "Europe/London"));
        unsupported.Should().BeEmpty();
    }

    [Theory]
    [InlineData("rate(1 hour)")]
    [InlineData("cron(0 8 ? * MON-FRI *)")]
    [InlineData("cron(0 8 1 * ? *)")]
    public void Read_NotDaily_IsNamedAsUnsupported(string expression)
    {
        var schedules = SamSchedule.Read(Load($"        Often:\n          Type: Schedule\n          Properties:\n            Schedule: {expression}\n"), out var unsupported);

        schedules.Should().BeEmpty();
        unsupported.Should().Equal($"Fn.Often: {expression} (UTC)");
    }

    [Fact]
    public void DueDay_AcrossSummerTime_FollowsLondonsClock()
    {
        var schedule = new SamSchedule("Fn", "arn", "Daily", new TimeOnly(8, 0), TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));

        // 1 July 2026 is British Summer Time (UTC+1): 08:00 in London is 07:00 UTC.
        schedule.DueDay(new DateTimeOffset(2026, 7, 1, 6, 59, 0, TimeSpan.Zero)).Should().BeNull();
        schedule.DueDay(new DateTimeOffset(2026, 7, 1, 7, 0, 0, TimeSpan.Zero)).Should().Be(new DateOnly(2026, 7, 1));
        // 5 December 2026 is GMT: 08:00 in London is 08:00 UTC.
        schedule.DueDay(new DateTimeOffset(2026, 12, 5, 7, 59, 0, TimeSpan.Zero)).Should().BeNull();
        schedule.DueDay(new DateTimeOffset(2026, 12, 5, 23, 30, 0, TimeSpan.Zero)).Should().Be(new DateOnly(2026, 12, 5));
    }
}
