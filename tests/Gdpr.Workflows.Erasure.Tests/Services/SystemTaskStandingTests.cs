using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Services;
using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.Erasure.Tests.Services;

/// <summary>
/// The rule every inbox applies to a task (local, deployed, in memory): its two clocks, what is kept beside the task
/// tokens (answers, heartbeats), newer tasks; and the long poll shared by the inboxes that cannot be woken.
/// </summary>
public sealed class SystemTaskStandingTests
{
    private static readonly DateTimeOffset Sent = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(599, null, false)]
    [InlineData(600, null, true)]
    [InlineData(1000, 500, false)]
    [InlineData(1100, 500, true)]
    [InlineData(3600, 3500, true)]
    public void HasTimedOut_HeartbeatIntervalOrTimeout_CountedFromTheLastBeatElseFromSending(int secondsLater, int? beatSecondsLater, bool timedOut)
    {
        var beat = beatSecondsLater is { } b ? Sent.AddSeconds(b) : (DateTimeOffset?)null;

        SystemTaskStanding.HasTimedOut(Sent, timeoutSeconds: 3600, heartbeatSeconds: 600, beat, Sent.AddSeconds(secondsLater)).Should().Be(timedOut);
    }

    [Fact]
    public void HasTimedOut_NoHeartbeatInterval_OnlyTheTimeoutCounts()
    {
        SystemTaskStanding.HasTimedOut(Sent, timeoutSeconds: 3600, heartbeatSeconds: 0, null, Sent.AddSeconds(3599)).Should().BeFalse();
        SystemTaskStanding.HasTimedOut(Sent, timeoutSeconds: 3600, heartbeatSeconds: 0, null, Sent.AddSeconds(3600)).Should().BeTrue();
    }

    [Fact]
    public async Task StateAsync_HeartbeatKeptBesideTheTokens_OpenPastTheIntervalFromSendingThenTimedOut()
    {
        var tokens = new InMemoryTaskTokenStore();
        var task = Task("token-1");
        await tokens.PutAsync(new TaskTokenRecord(TaskAnswerKeys.HeartbeatKeyOf(task.TaskId), TaskAnswerKeys.HeartbeatPurpose, "heartbeat", string.Empty, Sent.AddSeconds(500), null));

        (await StateAsync(task, tokens, Sent.AddSeconds(700))).Should().Be(SystemTask.Open);
        (await StateAsync(task, tokens, Sent.AddSeconds(1100))).Should().Be("timed_out");
        (await StateAsync(task, tokens: null, Sent.AddSeconds(700))).Should().Be("timed_out", "without the tokens nobody knows of the heartbeat");
    }

    [Fact]
    public async Task StateAsync_AnswerKeptOrNewerTask_AnsweredOrSuperseded()
    {
        var tokens = new InMemoryTaskTokenStore();
        var answered = Task("token-answered");
        var old = Task("token-old");
        var newer = new SystemTask(old.Message with { TaskToken = "token-new" }, Sent.AddSeconds(10), SystemTask.Open);
        await tokens.PutAsync(new TaskTokenRecord(TaskAnswerKeys.KeyOf(answered.TaskId), TaskAnswerKeys.Purpose, "digest", string.Empty, Sent, null));

        (await StateAsync(answered, tokens, Sent.AddSeconds(20))).Should().Be("answered");
        (await SystemTaskStanding.StateAsync(old, [old, newer], new InMemoryRequestStore(), tokens, Sent.AddSeconds(20))).Should().Be("superseded");
    }

    [Fact]
    public async Task WaitForOpenAsync_TaskOpensDuringTheWait_ReturnsItWithoutWaitingLonger()
    {
        var calls = 0;
        var task = Task("token-1");

        var open = await SystemTaskStanding.WaitForOpenAsync(
            _ => System.Threading.Tasks.Task.FromResult<IReadOnlyList<SystemTask>>(++calls < 3 ? [] : [task]),
            TimeSpan.FromMinutes(5),
            TimeSpan.FromMilliseconds(10),
            TimeProvider.System);

        open.Should().Equal(task);
        calls.Should().Be(3);
    }

    [Fact]
    public async Task WaitForOpenAsync_NothingOpens_EmptyOnceTheWaitIsOver()
    {
        var time = new FakeTimeProvider(Sent);
        var calls = 0;

        var waiting = SystemTaskStanding.WaitForOpenAsync(
            _ =>
            {
                calls++;
                return System.Threading.Tasks.Task.FromResult<IReadOnlyList<SystemTask>>([]);
            },
            TimeSpan.FromSeconds(3),
            TimeSpan.FromSeconds(1),
            time);
        // The fake clock moves on until the wait is over (each move may land before or after the next look).
        for (var i = 0; i < 600 && !waiting.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(500));
            await System.Threading.Tasks.Task.Delay(10);
        }

        (await waiting.WaitAsync(TimeSpan.FromSeconds(60))).Should().BeEmpty();
        calls.Should().BeGreaterThan(1, "it looked again before giving up");
    }

    private static SystemTask Task(string token) =>
        new(new ErasureTaskMessage("req-20260302-aaa", "support-desk", token, HeartbeatSeconds: 600, TimeoutSeconds: 3600, null, null), Sent, SystemTask.Open);

    private static Task<string> StateAsync(SystemTask task, ITaskTokenStore? tokens, DateTimeOffset now) =>
        SystemTaskStanding.StateAsync(task, [task], new InMemoryRequestStore(), tokens, now);
}
