using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Execution;
using Xunit.Abstractions;

namespace Gdpr.Workflows.Stack.Tests.Workflow;

/// <summary>
/// Counts the state transitions AWS would bill for one request, from real runs of statemachines/erasure.asl.json
/// on the local engine (the README's cost figures come from these counts).
/// </summary>
public sealed class StateTransitionCountTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(20)]
    public async Task Run_SyncSystems_TransitionsGrowLinearlyWithSystems(int systems)
    {
        var (perRequest, invocations, messages) = await CountAsync(systems);
        var perExtraSystem = (await CountAsync(systems + 1)).Transitions - perRequest;

        output.WriteLine($"systems {systems}: {perRequest} state transitions, {invocations} Lambda invocations, {messages} SNS messages per request ({perExtraSystem} transitions per extra system)");
        perExtraSystem.Should().BePositive();
        ((await CountAsync(1)).Transitions + ((systems - 1) * perExtraSystem)).Should().Be(perRequest, "each system adds the same steps");
    }

    /// <summary>Step Functions bills every state entered, retries included.</summary>
    private static async Task<(int Transitions, int Invocations, int Messages)> CountAsync(int systems)
    {
        await using var harness = new ErasureWorkflowHarness
        {
            Systems = [.. Enumerable.Range(1, systems).Select(i => (JsonNode)new JsonObject
            {
                ["system"] = $"system-{i}",
                ["mode"] = "sync",
                ["heartbeatSeconds"] = 600,
                ["timeoutSeconds"] = 86_400,
                ["expectedBy"] = "2026-04-02",
                ["respondBy"] = "2026-03-03T09:00:00Z",
            })],
        };
        var execution = await harness.StartAsync();
        var result = await harness.CompletionAsync(execution);
        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        var history = await harness.HistoryAsync(execution);
        return (
            history.Count(e => e.Type.EndsWith("StateEntered", StringComparison.Ordinal)),
            history.Count(e => e.Type == "TaskScheduled" && e.Details!["resourceType"]!.GetValue<string>() == "lambda"),
            history.Count(e => e.Type == "TaskScheduled" && e.Details!["resourceType"]!.GetValue<string>() == "sns"));
    }
}
