namespace Gdpr.Workflows.Erasure.Tests.Services;

public sealed class RemindersServiceTests : IDisposable
{
    private readonly ServiceHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task RunAsync_OverdueAndDueSoon_CountsAndOneDigestPerDay()
    {
        var overdue = await _h.StartedRequestAsync();
        _h.Time.Advance(TimeSpan.FromDays(26));
        var dueSoon = (await _h.Intake.SubmitAsync(ServiceHarness.Submission(authenticated: true, idempotencyKey: "b"))).RequestId;
        _h.Time.Advance(TimeSpan.FromDays(25));
        await _h.Intake.SubmitAsync(ServiceHarness.Submission(authenticated: true, idempotencyKey: "c"));

        var report = await _h.Reminders.RunAsync(dueSoonDays: 7);
        await _h.Reminders.RunAsync(dueSoonDays: 7);

        report.Should().BeEquivalentTo(new { Open = 3, Overdue = 1, DueSoon = 1, ClockStopped = 0, ExtensionNoticesDue = 0 });
        report.Attention.Select(a => a.RequestId).Should().Equal(overdue, dueSoon);
        var notice = _h.Officers.Notices.Should().ContainSingle().Subject;
        notice.Kind.Should().Be("DailyReminder");
        notice.Details.Should().Contain("overdue", "1").And.Contain("requests", $"{overdue},{dueSoon}");
    }

    [Fact]
    public async Task RunAsync_NothingDue_TellsNobody()
    {
        await _h.StartedRequestAsync();

        var report = await _h.Reminders.RunAsync();

        report.Open.Should().Be(1);
        _h.Officers.Notices.Should().BeEmpty();
    }

    [Fact]
    public async Task RunAsync_ExtensionNotTold_Reminds()
    {
        var id = await _h.StartedRequestAsync();
        await _h.DeadlineActions.ExtendAsync(id, 1, "complex", "officer-1");

        var report = await _h.Reminders.RunAsync();

        report.ExtensionNoticesDue.Should().Be(1);
        _h.Officers.Notices.Should().ContainSingle();
    }
}
