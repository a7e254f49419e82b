using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Engine.Persistence;
using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.Engine.Tests.Persistence;

/// <summary>Ended executions are deleted with their history after the kept period, as AWS does after 90 days; running ones never.</summary>
public sealed class ExecutionExpiryTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("gdpr-expiry-").FullName;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 2, 1, 8, 0, 0, TimeSpan.Zero));

    public static TheoryData<string> Stores => new() { "sqlite", "memory" };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task DeleteEndedExecutionsAsync_AfterTheKeptPeriod_DeletesOnlyThoseEndedBeforeIt(string kind)
    {
        var store = Store(kind);
        using var closeStore = store as IDisposable;
        await using var engine = new LocalStepFunctions(new LocalEngineOptions { Store = store, TimeProvider = time });
        var pass = engine.CreateStateMachine("pass", """{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""");
        var waits = engine.CreateStateMachine("wait", """{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 17280000, "End": true}}}""");
        var old = await engine.StartExecutionAsync(pass, "{}", "old");
        await engine.WaitForCompletionAsync(old).WaitAsync(TimeSpan.FromSeconds(10));
        var running = await engine.StartExecutionAsync(waits, "{}", "running");
        time.Advance(TimeSpan.FromDays(60));
        var recent = await engine.StartExecutionAsync(pass, "{}", "recent");
        await engine.WaitForCompletionAsync(recent).WaitAsync(TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromDays(31)); // "old" ended 91 days ago, "recent" 31.

        var deleted = await engine.DeleteEndedExecutionsAsync(TimeSpan.FromDays(90));

        deleted.Should().Be(1);
        (await store.GetExecutionAsync(old)).Should().BeNull();
        (await store.GetHistoryAsync(old)).Should().BeEmpty();
        var describe = () => engine.DescribeExecutionAsync(old);
        (await describe.Should().ThrowAsync<StepFunctionsApiException>()).Which.IsNotFound.Should().BeTrue();
        (await store.GetExecutionAsync(recent)).Should().NotBeNull();
        var stillRunning = (await store.GetExecutionAsync(running))!;
        stillRunning.Status.Should().Be(ExecutionStatus.Running, $"a running execution is never expired, however old ({stillRunning.Error}: {stillRunning.Cause})");
        (await engine.DeleteEndedExecutionsAsync(TimeSpan.FromDays(90))).Should().Be(0, "a second pass finds nothing more");
    }

    [Fact]
    public async Task DeleteEndedBeforeAsync_ManyExecutions_DeletesThemInBatchesAndShrinksTheFile()
    {
        var path = Path.Combine(directory, "engine.db");
        long before;
        using (var store = new SqliteExecutionStore(path))
        {
            await using var engine = new LocalStepFunctions(new LocalEngineOptions { Store = store, TimeProvider = time });
            var machine = engine.CreateStateMachine("pass", """{"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"padding": "%%"}, "End": true}}}""".Replace("%%", new string('x', 4000), StringComparison.Ordinal));
            for (var i = 0; i < 450; i++)
            {
                await engine.WaitForCompletionAsync(await engine.StartExecutionAsync(machine, "{}", $"e{i}")).WaitAsync(TimeSpan.FromSeconds(10));
            }

            before = new FileInfo(path).Length + WalLength(path);
            time.Advance(TimeSpan.FromDays(91));

            (await engine.DeleteEndedExecutionsAsync(TimeSpan.FromDays(90))).Should().Be(450, "three batches of up to 200");
            (await store.ListExecutionsAsync(null, null)).Should().BeEmpty();
        }

        // Closing checkpoints the WAL into the file; incremental vacuum has handed the freed pages back.
        new FileInfo(path).Length.Should().BeLessThan(before / 4, $"the file held {before} bytes before the expiry");
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static long WalLength(string path) => File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0;

    private IExecutionStore Store(string kind) => kind == "sqlite" ? new SqliteExecutionStore(Path.Combine(directory, "engine.db")) : new InMemoryExecutionStore();
}
