using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Stores.DynamoDb;
using Gdpr.Workflows.Stores.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.Stores.Tests.DynamoDb;

/// <summary>
/// The deployed systems' inbox (what TasksFunction lists) on the template's TaskTokens table on moto_server: tasks are
/// kept once per token, listed per system oldest first, and leave the list when answered, superseded, timed out (their
/// timeout, or their heartbeat interval since the last heartbeat kept) or their request is withdrawn.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class DynamoDbSystemTaskInboxTests(MotoServerFixture moto) : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private DynamoDbTestTables tables = null!;
    private DynamoDbStores stores = null!;
    private DynamoDbSystemTaskInbox inbox = null!;

    public async Task InitializeAsync()
    {
        tables = await DynamoDbTestTables.OnMotoAsync(moto, DynamoDbClientKind.Http);
        stores = new DynamoDbStores(tables.StoreClient, tables.Options);
        inbox = stores.SystemTasks(time);
    }

    public async Task DisposeAsync() => await tables.DisposeAsync();

    [Fact]
    public async Task RecordAsync_SameTaskDeliveredTwice_KeptOnceWithItsFirstReceipt()
    {
        var task = Task("req-20260302-aaa", "token-1");
        await inbox.RecordAsync(task, time.GetUtcNow());
        var first = time.GetUtcNow();
        time.Advance(TimeSpan.FromMinutes(5));
        await inbox.RecordAsync(task, time.GetUtcNow());

        var open = await inbox.OpenAsync("support-desk");

        open.Should().ContainSingle();
        open[0].ReceivedAt.Should().Be(first);
        open[0].State.Should().Be(SystemTask.Open);
        open[0].Message.ToJson().ToJsonString().Should().Be(task.ToJson().ToJsonString());
    }

    [Fact]
    public async Task OpenAsync_AnsweredSupersededTimedOutOrWithdrawn_LeaveTheListWithWhy()
    {
        var answered = Task("req-20260302-ans", "token-answered");
        var superseded = Task("req-20260302-sup", "token-old");
        var newer = Task("req-20260302-sup", "token-new");
        var shortLived = Task("req-20260302-out", "token-short", timeoutSeconds: 60);
        var withdrawn = Task("req-20260302-wdr", "token-withdrawn");
        await stores.Requests.CreateAsync(RequestSamples.New("req-20260302-wdr", RequestStatus.Cancelled));
        foreach (var task in new[] { answered, superseded, shortLived, withdrawn })
        {
            await inbox.RecordAsync(task, time.GetUtcNow());
        }

        time.Advance(TimeSpan.FromSeconds(61));
        await inbox.RecordAsync(newer, time.GetUtcNow());
        await stores.TaskTokens.PutAsync(new TaskTokenRecord(TaskAnswerKeys.KeyOf(answered.TaskId), TaskAnswerKeys.Purpose, "digest", string.Empty, time.GetUtcNow(), null));

        (await inbox.OpenAsync("support-desk")).Select(t => t.TaskId).Should().Equal(newer.TaskId);
        (await inbox.FindAsync("support-desk", answered.TaskId))!.State.Should().Be("answered");
        (await inbox.FindAsync("support-desk", superseded.TaskId))!.State.Should().Be("superseded");
        (await inbox.FindAsync("support-desk", shortLived.TaskId))!.State.Should().Be("timed_out");
        (await inbox.FindAsync("support-desk", withdrawn.TaskId))!.State.Should().Be("cancelled");
    }

    [Fact]
    public async Task OpenAsync_HeartbeatIntervalPassed_TimedOutUnlessAHeartbeatWasKept()
    {
        var silent = Task("req-20260302-sil", "token-silent");
        var beating = Task("req-20260302-bea", "token-beating");
        await inbox.RecordAsync(silent, time.GetUtcNow());
        await inbox.RecordAsync(beating, time.GetUtcNow());
        time.Advance(TimeSpan.FromSeconds(500));
        await stores.TaskTokens.PutAsync(new TaskTokenRecord(TaskAnswerKeys.HeartbeatKeyOf(beating.TaskId), TaskAnswerKeys.HeartbeatPurpose, "heartbeat", string.Empty, time.GetUtcNow(), null));
        time.Advance(TimeSpan.FromSeconds(101));

        (await inbox.OpenAsync("support-desk")).Select(t => t.TaskId).Should().Equal(beating.TaskId);
        (await inbox.FindAsync("support-desk", silent.TaskId))!.State.Should().Be("timed_out", "600 s passed since it was sent, without a heartbeat");

        time.Advance(TimeSpan.FromSeconds(500));
        (await inbox.FindAsync("support-desk", beating.TaskId))!.State.Should().Be("timed_out", "600 s passed since its last heartbeat");
        (await inbox.OpenAsync("support-desk")).Should().BeEmpty();
    }

    [Fact]
    public async Task FindAsync_AnotherSystemsTask_IsNotFound()
    {
        var task = Task("req-20260302-bbb", "token-2");
        await inbox.RecordAsync(task, time.GetUtcNow());

        (await inbox.FindAsync("loyalty", task.TaskId)).Should().BeNull();
        (await inbox.OpenAsync("loyalty")).Should().BeEmpty();
        (await inbox.FindAsync("support-desk", task.TaskId)).Should().NotBeNull();
    }

    [Fact]
    public async Task WaitForOpenAsync_TaskArrivesDuringTheWait_ReturnsIt()
    {
        var live = stores.SystemTasks(TimeProvider.System);
        var task = Task("req-20260302-ccc", "token-3");
        var waiting = live.WaitForOpenAsync("support-desk", TimeSpan.FromSeconds(15));
        await System.Threading.Tasks.Task.Delay(300);
        waiting.IsCompleted.Should().BeFalse("nothing was sent yet");

        await live.RecordAsync(task, DateTimeOffset.UtcNow);

        (await waiting.WaitAsync(TimeSpan.FromSeconds(15))).Select(t => t.TaskId).Should().Equal(task.TaskId);
    }

    private static ErasureTaskMessage Task(string requestId, string token, int timeoutSeconds = 3600) =>
        new(requestId, "support-desk", token, HeartbeatSeconds: 600, timeoutSeconds, new DateOnly(2026, 4, 1), new DateTimeOffset(2026, 3, 20, 12, 0, 0, TimeSpan.Zero));
}
