using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Errors;

namespace Gdpr.Workflows.Erasure.Tests.Services;

public sealed class DeadlineServiceTests : IDisposable
{
    private readonly ServiceHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task ExtendAsync_WithinTheFirstMonth_MovesTheDeadlineAndRecordsTheSubjectMustBeTold()
    {
        var id = await _h.StartedRequestAsync();
        _h.Time.Advance(TimeSpan.FromDays(7));

        var view = await _h.DeadlineActions.ExtendAsync(id, 1, "Complex request spanning four systems", "officer-1");

        // 3 May 2025 is a Saturday and 5 May the Early May bank holiday.
        view.Deadline.DueDate.Should().Be(new DateOnly(2025, 5, 6));
        view.Deadline.Extensions.Should().ContainSingle().Which.Should().Be(
            new Erasure.Services.ExtensionView(1, "Complex request spanning four systems", new DateOnly(2025, 3, 10), new DateOnly(2025, 4, 3), null));
        var audited = (await _h.AuditOfAsync(id)).Single(e => e.Type == AuditEventType.DeadlineExtended);
        audited.Actor.Should().Be("officer-1");
        audited.Details.Should().Contain("subjectMustBeTold", "true").And.Contain("tellSubjectBy", "2025-04-03");
    }

    [Fact]
    public async Task ExtendAsync_RepeatedTheSameDay_OneExtension()
    {
        var id = await _h.StartedRequestAsync();
        await _h.DeadlineActions.ExtendAsync(id, 1, "Complex request", "officer-1");

        var again = await _h.DeadlineActions.ExtendAsync(id, 1, "Complex request", "officer-1");

        again.Deadline.Extensions.Should().ContainSingle();
        (await _h.AuditOfAsync(id)).Count(e => e.Type == AuditEventType.DeadlineExtended).Should().Be(1);
    }

    [Fact]
    public async Task ExtendAsync_AfterTheFirstMonth_ConflictSayingSo()
    {
        var id = await _h.StartedRequestAsync();
        _h.Time.Advance(TimeSpan.FromDays(32));

        var act = () => _h.DeadlineActions.ExtendAsync(id, 1, "Complex request", "officer-1");

        await act.Should().ThrowAsync<ConflictException>().WithMessage("*within the first month*");
    }

    [Fact]
    public async Task ExtendAsync_BeyondTwoMonths_Conflict()
    {
        var id = await _h.StartedRequestAsync();
        await _h.DeadlineActions.ExtendAsync(id, 2, "Numerous requests", "officer-1");

        var act = () => _h.DeadlineActions.ExtendAsync(id, 1, "Still more", "officer-1");

        await act.Should().ThrowAsync<ConflictException>();
    }

    [Theory]
    [InlineData(0, "Complex")]
    [InlineData(1, "Asked by alice@example.com")]
    [InlineData(1, " ")]
    public async Task ExtendAsync_MalformedExtension_InvalidInput(int months, string reason)
    {
        var id = await _h.StartedRequestAsync();

        var act = () => _h.DeadlineActions.ExtendAsync(id, months, reason, "officer-1");

        await act.Should().ThrowAsync<InvalidInputException>();
    }

    [Fact]
    public async Task ExtendAsync_IdentityNotVerified_ConflictBecauseTheClockHasNotStarted()
    {
        var intake = await _h.Intake.SubmitAsync(ServiceHarness.Submission());

        var act = () => _h.DeadlineActions.ExtendAsync(intake.RequestId, 1, "Complex", "officer-1");

        await act.Should().ThrowAsync<ConflictException>().WithMessage("*clock has not started*");
    }

    [Fact]
    public async Task PauseThenResume_FiveDaysLater_AddsFiveDays()
    {
        var id = await _h.StartedRequestAsync();
        _h.Time.Advance(TimeSpan.FromDays(7));

        var paused = await _h.DeadlineActions.PauseAsync(id, "officer-1");
        _h.Time.Advance(TimeSpan.FromDays(5));
        var resumed = await _h.DeadlineActions.ResumeAsync(id, "officer-1");

        paused.Deadline.Should().BeEquivalentTo(new { DueDate = (DateOnly?)null, ClockStopped = true });
        resumed.Deadline.DueDate.Should().Be(new DateOnly(2025, 4, 8));
        resumed.Deadline.Pauses.Should().Equal(new Erasure.Services.PauseView(new DateOnly(2025, 3, 10), new DateOnly(2025, 3, 15)));
        (await _h.AuditOfAsync(id)).Single(e => e.Type == AuditEventType.DeadlineResumed).Details["pausedDays"].Should().Be("5");
    }

    [Fact]
    public async Task PauseAsync_RepeatedTheSameDay_OnePause()
    {
        var id = await _h.StartedRequestAsync();
        await _h.DeadlineActions.PauseAsync(id, "officer-1");

        var again = await _h.DeadlineActions.PauseAsync(id, "officer-1");

        again.Deadline.Pauses.Should().ContainSingle();
        (await _h.AuditOfAsync(id)).Count(e => e.Type == AuditEventType.DeadlinePaused).Should().Be(1);
    }

    [Fact]
    public async Task PauseAsync_AlreadyStoppedSinceEarlier_Conflict()
    {
        var id = await _h.StartedRequestAsync();
        await _h.DeadlineActions.PauseAsync(id, "officer-1");
        _h.Time.Advance(TimeSpan.FromDays(1));

        var act = () => _h.DeadlineActions.PauseAsync(id, "officer-1");

        await act.Should().ThrowAsync<ConflictException>().WithMessage("*already stopped*");
    }

    [Fact]
    public async Task ResumeAsync_RepeatedTheSameDay_NothingChanges()
    {
        var id = await _h.StartedRequestAsync();
        await _h.DeadlineActions.PauseAsync(id, "officer-1");
        _h.Time.Advance(TimeSpan.FromDays(2));
        var first = await _h.DeadlineActions.ResumeAsync(id, "officer-1");

        var again = await _h.DeadlineActions.ResumeAsync(id, "officer-1");

        again.Deadline.Should().BeEquivalentTo(first.Deadline);
    }

    [Fact]
    public async Task ResumeAsync_ClockRunning_Conflict()
    {
        var id = await _h.StartedRequestAsync();

        var act = () => _h.DeadlineActions.ResumeAsync(id, "officer-1");

        await act.Should().ThrowAsync<ConflictException>();
    }

    [Fact]
    public async Task RecordExtensionToldAsync_AfterExtension_MarksTheNoticeOnce()
    {
        var id = await _h.StartedRequestAsync();
        await _h.DeadlineActions.ExtendAsync(id, 1, "Complex request", "officer-1");
        _h.Time.Advance(TimeSpan.FromDays(1));

        var view = await _h.DeadlineActions.RecordExtensionToldAsync(id, "officer-2");
        var again = await _h.DeadlineActions.RecordExtensionToldAsync(id, "officer-3");

        view.Deadline.Extensions.Single().ToldAt.Should().Be(ServiceHarness.Start.AddDays(1));
        again.Deadline.Should().BeEquivalentTo(view.Deadline);
        (await _h.RequestAsync(id)).Deadline.ExtensionNotices.Single().ToldBy.Should().Be("officer-2");
        (await _h.AuditOfAsync(id)).Count(e => e.Type == AuditEventType.ExtensionToldToSubject).Should().Be(1);
    }

    [Fact]
    public async Task RecordExtensionToldAsync_NoExtension_Conflict()
    {
        var id = await _h.StartedRequestAsync();

        var act = () => _h.DeadlineActions.RecordExtensionToldAsync(id, "officer-1");

        await act.Should().ThrowAsync<ConflictException>();
    }

    [Fact]
    public async Task PauseAsync_ClosedRequest_Conflict()
    {
        var id = await _h.StartedRequestAsync();
        await _h.Cancel.CancelAsync(id, "officer-1");

        var act = () => _h.DeadlineActions.PauseAsync(id, "officer-1");

        await act.Should().ThrowAsync<ConflictException>();
    }
}
