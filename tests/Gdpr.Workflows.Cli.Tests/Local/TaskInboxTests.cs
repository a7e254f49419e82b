using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Local;
using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.Cli.Tests.Local;

public sealed class TaskInboxTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "gdpr-inbox-tests-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly TaskInbox inbox;

    public TaskInboxTests()
    {
        Directory.CreateDirectory(directory);
        inbox = new TaskInbox(Path.Combine(directory, "tasks.db"), time);
    }

    [Fact]
    public void Open_AnsweredTask_LeavesTheListAndSaysWhyWithAll()
    {
        inbox.Add(Task("t-1", "req-1"));
        inbox.Add(Task("t-2", "req-2"));

        inbox.MarkAnswered("t-1", "succeeded");

        inbox.Open().Select(t => t.TaskToken).Should().Equal("t-2");
        var all = inbox.List(null, null, includeClosed: true);
        all.Single(t => t.TaskToken == "t-1").Should().Match<InboxTask>(t => t.State == InboxTaskState.Answered && t.Answer == "succeeded");
    }

    [Fact]
    public void Open_NewerTaskForTheSameRequestAndSystem_SupersedesTheOlder()
    {
        inbox.Add(Task("t-1", "req-1"));
        time.Advance(TimeSpan.FromMinutes(1));
        inbox.Add(Task("t-2", "req-1"));

        inbox.Open().Select(t => t.TaskToken).Should().Equal("t-2");
        inbox.Find("t-1")!.State.Should().Be(InboxTaskState.Superseded);
    }

    [Fact]
    public void Open_TimeoutPassed_ClosesTheTaskAsTimedOut()
    {
        inbox.Add(Task("t-1", "req-1", timeoutSeconds: 600));

        time.Advance(TimeSpan.FromSeconds(600));

        inbox.Open().Should().BeEmpty();
        inbox.Find("t-1")!.State.Should().Be(InboxTaskState.TimedOut);
    }

    [Fact]
    public void Open_HeartbeatsInTime_KeepsTheTaskUntilTheyStop()
    {
        inbox.Add(Task("t-1", "req-1", timeoutSeconds: 3600, heartbeatSeconds: 60));

        for (var i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromSeconds(50));
            inbox.RecordHeartbeat("t-1");
        }

        inbox.Open().Should().ContainSingle();
        time.Advance(TimeSpan.FromSeconds(61));
        inbox.Open().Should().BeEmpty();
        inbox.Find("t-1")!.State.Should().Be(InboxTaskState.TimedOut);
    }

    [Fact]
    public void MarkAnswered_TaskAlreadyTimedOut_KeepsTheFirstState()
    {
        inbox.Add(Task("t-1", "req-1", timeoutSeconds: 10));
        time.Advance(TimeSpan.FromSeconds(11));
        _ = inbox.Open();

        inbox.MarkAnswered("t-1", "succeeded");

        inbox.Find("t-1")!.State.Should().Be(InboxTaskState.TimedOut);
    }

    [Fact]
    public void TaskId_SameToken_SameIdWithoutTheToken()
    {
        var task = Task("secret-token-1", "req-1");
        inbox.Add(task);

        inbox.FindById(task.TaskId)!.TaskToken.Should().Be("secret-token-1");
        task.TaskId.Should().MatchRegex("^[0-9a-f]{64}$");
    }

    [Fact]
    public async Task OpenAsync_RequestCancelled_ClosesItsTaskAsCancelled()
    {
        var requests = new InMemoryRequestStore();
        inbox.Add(Task("t-1", "req-1"));
        await requests.CreateAsync(Request("req-1", RequestStatus.Cancelled));
        var tasks = new AnswerableTasks(inbox, requests);

        (await tasks.OpenAsync()).Should().BeEmpty();

        inbox.Find("t-1")!.State.Should().Be(InboxTaskState.Cancelled);
    }

    [Fact]
    public async Task OpenAsync_SystemOutcomeRecordedAfterTheTask_ClosesItAsAnswered()
    {
        var requests = new InMemoryRequestStore();
        inbox.Add(Task("t-1", "req-1"));
        time.Advance(TimeSpan.FromMinutes(5));
        await requests.CreateAsync(Request("req-1", RequestStatus.InProgress) with
        {
            Systems = [new SystemErasureState("support-desk", SystemErasureStatus.Erased) { UpdatedAt = time.GetUtcNow() }],
        });

        (await new AnswerableTasks(inbox, requests).OpenAsync()).Should().BeEmpty();

        inbox.Find("t-1")!.State.Should().Be(InboxTaskState.Answered);
    }

    [Fact]
    public async Task OpenAsync_RequestInProgressWithoutOutcome_KeepsTheTask()
    {
        var requests = new InMemoryRequestStore();
        inbox.Add(Task("t-1", "req-1"));
        await requests.CreateAsync(Request("req-1", RequestStatus.InProgress));

        (await new AnswerableTasks(inbox, requests).OpenAsync("support-desk")).Should().ContainSingle();
    }

    public void Dispose()
    {
        inbox.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    private InboxTask Task(string token, string requestId, int timeoutSeconds = 86_400, int heartbeatSeconds = 0) =>
        new(token, requestId, "support-desk", heartbeatSeconds, timeoutSeconds, time.GetUtcNow());

    private ErasureRequest Request(string requestId, RequestStatus status) => new()
    {
        RequestId = requestId,
        Version = 1,
        IntakeKey = new string('a', 64),
        ReceivedAt = time.GetUtcNow(),
        Channel = "web-form",
        SubjectHashes = [new string('b', 64)],
        Jurisdiction = "UK",
        Verification = null!,
        Deadline = null!,
        Status = status,
        UpdatedAt = time.GetUtcNow(),
    };
}
