using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Engine.Integrations;
using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.Engine.Tests.Execution;

/// <summary>
/// Pins the engine benchmark's reference definition (tests/Gdpr.Workflows.Benchmarks/Engine): it must stay valid
/// and keep producing the output aws-local-stepfunctions produces, so the benchmark compares equal work.
/// </summary>
public sealed class BenchmarkReferenceDefinitionTests : IAsyncDisposable
{
    private const string EraseLambda = "arn:aws:lambda:us-east-1:123456789012:function:erase";
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 31, 9, 0, 0, TimeSpan.Zero));
    private readonly LocalStepFunctions engine;
    private readonly List<int> attempts = [];

    public BenchmarkReferenceDefinitionTests()
    {
        engine = new LocalStepFunctions(new LocalEngineOptions { TimeProvider = time });

        // The benchmark's Lambda: TransientError on the first attempt of each execution, then a result from its parameters.
        engine.Options.Integrations.Add(new DelegateTaskIntegration(EraseLambda, (invocation, _) =>
        {
            lock (attempts)
            {
                attempts.Add(invocation.Attempt);
            }

            if (invocation.Attempt == 0)
            {
                throw new TaskFailedException("TransientError", "database busy");
            }

            return Task.FromResult<JsonNode?>(new JsonObject
            {
                ["requestId"] = invocation.Parameters?["requestId"]?.DeepClone(),
                ["erased"] = (invocation.Parameters?["systems"] as JsonArray)?.Count ?? 0,
                ["attempts"] = invocation.Attempt + 1,
            });
        }));
    }

    public async ValueTask DisposeAsync() => await engine.DisposeAsync();

    [Fact]
    public async Task ReferenceDefinition_RunOnce_RetriesAfterOneSecondAndProducesPinnedOutput()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Execution", "Benchmark");
        var machine = engine.CreateStateMachine("reference", await File.ReadAllTextAsync(Path.Combine(folder, "reference.asl.json")));
        var execution = await engine.StartExecutionAsync(machine, await File.ReadAllTextAsync(Path.Combine(folder, "reference.input.json")));

        await WaitUntilAsync(async () => (await engine.GetExecutionHistoryAsync(execution)).Any(e => e.Type == "LambdaFunctionFailed"));
        (await engine.DescribeExecutionAsync(execution)).Status.Should().Be(ExecutionStatus.Running, "the retry waits IntervalSeconds");
        time.Advance(TimeSpan.FromSeconds(1));
        var result = await engine.WaitForCompletionAsync(execution).WaitAsync(TimeSpan.FromSeconds(10));

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        // Compared as JSON: the order of keys built from ".$" fields follows AWS's own (Java HashMap) order.
        JsonNode.DeepEquals(JsonNode.Parse(result.Output!), JsonNode.Parse("""
            {
              "requestId": "req-0001", "kind": "erasure", "systems": ["crm", "orders", "marketing"],
              "queued": [
                {"system": "crm", "requestId": "req-0001", "status": "queued"},
                {"system": "orders", "requestId": "req-0001", "status": "queued"},
                {"system": "marketing", "requestId": "req-0001", "status": "queued"}],
              "notifyError": {"Error": "LedgerUnavailable", "Cause": "ledger is read-only"},
              "erasure": {"requestId": "req-0001", "erased": 3, "attempts": 2}
            }
            """)).Should().BeTrue(result.Output);
        attempts.Should().Equal(0, 1);
        var history = await engine.GetExecutionHistoryAsync(execution);
        history.Should().HaveCount(39);
        history.Select(e => e.Type).Should().ContainInOrder(
            "ChoiceStateEntered", "MapStateEntered", "MapIterationSucceeded", "ParallelStateFailed", "ParallelStateExited",
            "LambdaFunctionFailed", "LambdaFunctionSucceeded", "SucceedStateExited", "ExecutionSucceeded");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("condition not met within 10 s");
            }

            await Task.Delay(10);
        }
    }
}
