using System.Text.Json.Nodes;
using Gdpr.Workflows.Functions.Reminders;
using Gdpr.Workflows.Functions.Tests.Support;
using Gdpr.Workflows.LambdaRuntime;

namespace Gdpr.Workflows.Functions.Tests.Reminders;

public sealed class RemindersFunctionTests : IDisposable
{
    private readonly FunctionHarness _harness = new();

    [Fact]
    public async Task HandleAsync_OverdueRequest_CountsItAndPublishesTheMetric()
    {
        await _harness.StartedRequestAsync();
        _harness.Time.Advance(TimeSpan.FromDays(45));

        var answer = await _harness.Function("Reminders").HandleAsync(new JsonObject(), CancellationToken.None);

        answer!["open"]!.GetValue<int>().Should().Be(1);
        answer["overdue"]!.GetValue<int>().Should().Be(1);
        _harness.OverdueMetric.Published.Should().Equal(1);
    }

    [Fact]
    public async Task HandleAsync_RunTwiceTheSameDay_TellsOfficersOnce()
    {
        await _harness.StartedRequestAsync();
        _harness.Time.Advance(TimeSpan.FromDays(45));
        var reminders = _harness.Function("Reminders");

        var first = await reminders.HandleAsync(new JsonObject(), CancellationToken.None);
        var second = await reminders.HandleAsync(new JsonObject(), CancellationToken.None);

        JsonNode.DeepEquals(first, second).Should().BeTrue();
        _harness.Officers.Notices.Should().ContainSingle(n => n.Kind == "DailyReminder");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(61)]
    public async Task HandleAsync_DueSoonDaysOutOfRange_FailsAsInvalidInput(int days)
    {
        var act = () => _harness.Function("Reminders").HandleAsync(new JsonObject { ["dueSoonDays"] = days }, CancellationToken.None);

        (await act.Should().ThrowAsync<LambdaFunctionException>()).Which.ErrorType.Should().Be("Erasure.InvalidInput");
    }

    [Fact]
    public async Task HandleAsync_Answer_HoldsNoIdentifiers()
    {
        await _harness.StartedRequestAsync();

        (await _harness.Function("Reminders").HandleAsync(null, CancellationToken.None)).ShouldHoldNoPersonalData();
    }

    [Fact]
    public async Task EmbeddedMetric_PublishAsync_WritesOneEmfLine()
    {
        using var output = new StringWriter();

        await new EmbeddedMetricOverdueRequests(output, "dev", _harness.Time).PublishAsync(3);

        var line = JsonNode.Parse(output.ToString())!;
        line["OverdueRequests"]!.GetValue<int>().Should().Be(3);
        line["Stage"]!.GetValue<string>().Should().Be("dev");
        line["_aws"]!["CloudWatchMetrics"]![0]!["Namespace"]!.GetValue<string>().Should().Be("Gdpr/Workflows");
        line["_aws"]!["Timestamp"]!.GetValue<long>().Should().Be(FunctionHarness.Start.ToUnixTimeMilliseconds());
    }

    public void Dispose() => _harness.Dispose();
}
