using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Deadlines;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Services;

namespace Gdpr.Workflows.Erasure.Tests.Services;

public sealed class DeadlineServiceTests : IDisposable
{
    // The controller's setting clarificationPause=any-request, for the pause arithmetic; the default refuses pauses.
    private readonly ServiceHarness _h = new(clock: new ClockSettings { ClarificationPause = ClarificationPause.AnyRequest });

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task ExtendAsync_WithinTheFirstMonth_MovesTheDeadlineAndRecordsTheSubjectMustBeTold()
    {
        var id = await _h.StartedRequestAsync();
        _h.Time.Advance(TimeSpan.FromDays(7));

        var view = await _h.DeadlineActions.ExtendAsync(id, new ExtensionRequest(1, "complex", "spans four systems", new DateOnly(2025, 3, 10)), "officer-1");

        // Received Mon 3 Mar 2025; told on Mon 10 Mar, within the first month (to Thu 3 Apr). 2 months: Sat 3 May 2025,
        // Sun 4, Mon 5 May Early May bank holiday → Tue 6 May.
        view.Deadline.DueDate.Should().Be(new DateOnly(2025, 5, 6));
        view.Deadline.Extensions.Should().ContainSingle().Which.Should().Be(
            new ExtensionView(1, "complex", new DateOnly(2025, 3, 10), new DateOnly(2025, 4, 3), null, "spans four systems", new DateOnly(2025, 3, 10), InEffect: true));
        var audited = (await _h.AuditOfAsync(id)).Single(e => e.Type == AuditEventType.DeadlineExtended);
        audited.Actor.Should().Be("officer-1");
        audited.Details.Should().Contain("toldOn", "2025-03-10").And.Contain("tellSubjectBy", "2025-04-03").And.Contain("inEffect", "true");
    }

    [Fact]
    public async Task ExtendAsync_RepeatedTheSameDay_OneExtension()
    {
        var id = await _h.StartedRequestAsync();
        await _h.DeadlineActions.ExtendAsync(id, 1, "complex", "officer-1");

        var again = await _h.DeadlineActions.ExtendAsync(id, 1, "complex", "officer-1");

        again.Deadline.Extensions.Should().ContainSingle();
        (await _h.AuditOfAsync(id)).Count(e => e.Type == AuditEventType.DeadlineExtended).Should().Be(1);
    }

    [Fact]
    public async Task ExtendAsync_AfterTheFirstMonth_ConflictSayingSo()
    {
        var id = await _h.StartedRequestAsync();
        _h.Time.Advance(TimeSpan.FromDays(32));

        // Received Mon 3 Mar 2025, first month to Thu 3 Apr; told on Fri 4 Apr: too late, the deadline stays.
        var act = () => _h.DeadlineActions.ExtendAsync(id, 1, "complex", "officer-1");

        await act.Should().ThrowAsync<ConflictException>().WithMessage("*within one month of receipt*");
        (await _h.Status.GetAsync(id)).Deadline.DueDate.Should().Be(new DateOnly(2025, 4, 3));
    }

    [Fact]
    public async Task ExtendAsync_BeyondTwoMonths_Conflict()
    {
        var id = await _h.StartedRequestAsync();
        await _h.DeadlineActions.ExtendAsync(id, 2, "numerous", "officer-1");

        var act = () => _h.DeadlineActions.ExtendAsync(id, 1, "complex", "officer-1");

        await act.Should().ThrowAsync<ConflictException>();
    }

    [Theory]
    [InlineData(0, "complex")]
    [InlineData(1, "Asked by alice@example.com")]
    [InlineData(1, "Complex request")] // the reason is a code: complex or numerous; free text goes to detail
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

        var act = () => _h.DeadlineActions.ExtendAsync(intake.RequestId, 1, "complex", "officer-1");

        await act.Should().ThrowAsync<ConflictException>().WithMessage("*clock has not started*");
    }

    [Fact]
    public async Task PauseThenResume_AskedOn10thAnsweredOn15th_AddsSixDays()
    {
        var id = await _h.StartedRequestAsync();
        _h.Time.Advance(TimeSpan.FromDays(7));

        var paused = await _h.DeadlineActions.PauseAsync(id, "which of two accounts", null, "officer-1");
        _h.Time.Advance(TimeSpan.FromDays(5));
        var resumed = await _h.DeadlineActions.ResumeAsync(id, "officer-1");

        // Received Mon 3 Mar 2025: due Thu 3 Apr. Asked Mon 10 Mar, answered Sat 15 Mar: 10..15 = 6 days, both included
        // (Art. 12A). Thu 3 Apr + 6 → Wed 9 Apr 2025.
        paused.Deadline.Should().BeEquivalentTo(new { DueDate = (DateOnly?)null, ClockStopped = true });
        resumed.Deadline.DueDate.Should().Be(new DateOnly(2025, 4, 9));
        resumed.Deadline.Pauses.Should().Equal(new PauseView(new DateOnly(2025, 3, 10), new DateOnly(2025, 3, 15), "which of two accounts", 6));
        var audit = (await _h.AuditOfAsync(id)).Single(e => e.Type == AuditEventType.DeadlineResumed).Details;
        audit.Should().Contain("pausedDays", "6").And.Contain("askedOn", "2025-03-10").And.Contain("answeredOn", "2025-03-15");
    }

    [Fact]
    public async Task PauseAsync_DatesGivenLater_CountsTheDaysTheyHappened()
    {
        var id = await _h.StartedRequestAsync();
        _h.Time.Advance(TimeSpan.FromDays(20)); // keyed in on Sun 23 Mar 2025

        await _h.DeadlineActions.PauseAsync(id, "which account", new DateOnly(2025, 3, 4), "officer-1");
        var resumed = await _h.DeadlineActions.ResumeAsync(id, new DateOnly(2025, 3, 4), "officer-1");

        // Asked and answered on Tue 4 Mar: 1 day. Thu 3 Apr + 1 → Fri 4 Apr 2025.
        resumed.Deadline.DueDate.Should().Be(new DateOnly(2025, 4, 4));
    }

    [Fact]
    public async Task PauseAsync_ErasureUnderTheDefaultSetting_RefusedWithTheReason()
    {
        using var defaults = new ServiceHarness();
        var id = await defaults.StartedRequestAsync();

        var act = () => defaults.DeadlineActions.PauseAsync(id, "officer-1");

        await act.Should().ThrowAsync<ConflictException>().WithMessage("*Art. 12A*Article 15 (access)*");
        (await defaults.Status.GetAsync(id)).Deadline.ClockStopped.Should().BeFalse();
    }

    [Fact]
    public async Task ExtendAsync_Untold_NotInEffectUntilTold()
    {
        var id = await _h.StartedRequestAsync();

        var untold = await _h.DeadlineActions.ExtendAsync(id, new ExtensionRequest(2, "complex", null, null), "officer-1");
        _h.Time.Advance(TimeSpan.FromDays(4));
        var told = await _h.DeadlineActions.RecordExtensionToldAsync(id, "officer-1");

        // Received Mon 3 Mar 2025: due Thu 3 Apr until the requester is told (Fri 7 Mar); then 3 months: Tue 3 Jun 2025.
        untold.Deadline.DueDate.Should().Be(new DateOnly(2025, 4, 3));
        untold.Deadline.Extensions.Single().InEffect.Should().BeFalse();
        told.Deadline.DueDate.Should().Be(new DateOnly(2025, 6, 3));
        told.Deadline.Extensions.Single().Should().BeEquivalentTo(new { InEffect = true, ToldOn = (DateOnly?)new DateOnly(2025, 3, 7) });
    }

    [Fact]
    public async Task RecordExtensionToldAsync_AfterTheFirstMonth_RefusedAndTheDeadlineStays()
    {
        var id = await _h.StartedRequestAsync();
        await _h.DeadlineActions.ExtendAsync(id, new ExtensionRequest(1, "numerous", null, null), "officer-1");
        _h.Time.Advance(TimeSpan.FromDays(40));

        // Told on Sat 12 Apr 2025, after the first month ended on Thu 3 Apr.
        var act = () => _h.DeadlineActions.RecordExtensionToldAsync(id, "officer-1");

        await act.Should().ThrowAsync<ConflictException>();
        (await _h.Status.GetAsync(id)).Deadline.DueDate.Should().Be(new DateOnly(2025, 4, 3));
    }

    [Fact]
    public async Task ExtendAsync_ToldOnInTheFuture_InvalidInput()
    {
        var id = await _h.StartedRequestAsync();

        var act = () => _h.DeadlineActions.ExtendAsync(id, new ExtensionRequest(1, "complex", null, new DateOnly(2025, 3, 4)), "officer-1");

        await act.Should().ThrowAsync<InvalidInputException>();
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
        await _h.DeadlineActions.ExtendAsync(id, new ExtensionRequest(1, "complex", null, null), "officer-1");
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
