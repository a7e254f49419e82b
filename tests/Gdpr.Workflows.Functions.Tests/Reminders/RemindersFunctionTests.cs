using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Requests;
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

    [Fact]
    public async Task HandleAsync_RetentionEnded_ReopensThatSystemAndStartsRunTwo()
    {
        // Invoices kept until 2025-03-31 (Art. 17(3)(b)); the daily run of 2025-04-01 is the first after that day.
        var id = await _harness.StartedRequestAsync();
        var request = (await _harness.Requests.GetAsync(id))!;
        var closed = request with
        {
            Version = request.Version + 1,
            Status = RequestStatus.CompletedWithExceptions,
            Systems = [new SystemErasureState("orders", SystemErasureStatus.Retained) { RetainUntil = new DateOnly(2025, 3, 31), RetainedData = "invoices" }, new SystemErasureState("crm", SystemErasureStatus.Erased)],
        };
        (await _harness.Requests.TryReplaceAsync(closed, request.Version)).Should().BeTrue();
        _harness.Time.SetUtcNow(new DateTimeOffset(2025, 3, 31, 9, 0, 0, TimeSpan.Zero));
        var reminders = _harness.Function("Reminders");

        var onTheLastDay = await reminders.HandleAsync(new JsonObject(), CancellationToken.None);
        _harness.Time.SetUtcNow(new DateTimeOffset(2025, 4, 1, 9, 0, 0, TimeSpan.Zero));
        var dayAfter = await reminders.HandleAsync(new JsonObject(), CancellationToken.None);

        onTheLastDay!["retentionReopened"]!.AsArray().Should().BeEmpty("keeping the invoices is still required on 31 March");
        dayAfter!["retentionExamined"]!.GetValue<int>().Should().Be(1);
        dayAfter["retentionReopened"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal(id);
        _harness.Workflow.Starts.Should().Contain($"{id}#2");
        var reopened = (await _harness.Requests.GetAsync(id))!;
        reopened.Status.Should().Be(RequestStatus.InProgress);
        reopened.FindSystem("orders")!.Status.Should().Be(SystemErasureStatus.Pending);
        reopened.FindSystem("crm")!.Status.Should().Be(SystemErasureStatus.Erased);
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
