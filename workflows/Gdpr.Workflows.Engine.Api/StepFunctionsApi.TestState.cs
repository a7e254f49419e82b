using System.Text.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Engine.Persistence;

namespace Gdpr.Workflows.Engine.Api;

/// <summary>
/// TestState: runs one state on a scratch engine (in memory, the same task integrations) as a one-state machine
/// whose transition targets are empty Pass states, and reads the outcome from its history: the output and the next
/// state, or the error (FAILED, or CAUGHT_ERROR when a Catch took it). Retry is not run (its waits would be real);
/// a Wait state passes its data on without waiting, as TestState does.
/// </summary>
public sealed partial class StepFunctionsApi
{
    private static readonly TimeSpan TestStateLimit = TimeSpan.FromSeconds(60);

    private async Task<JsonObject> TestStateAsync(ApiRequest request, CancellationToken ct)
    {
        var definition = request.RequiredString("definition", MaxDefinitionLength);
        if (request.OptionalString("roleArn") is { } role)
        {
            _ = CheckRoleArn(role);
        }

        var input = request.OptionalString("input", MaxInputLength) ?? "{}";
        var level = request.OptionalEnum("inspectionLevel", "INFO", "DEBUG", "TRACE") ?? "INFO";
        _ = request.OptionalBool("revealSecrets");
        foreach (var unsupported in new[] { "variables", "mock", "context", "stateConfiguration" })
        {
            if (request.OptionalString(unsupported) is not null || (unsupported is "mock" or "stateConfiguration" && request.OptionalObject(unsupported) is not null))
            {
                throw ApiErrorException.Validation($"TestState's '{unsupported}' is not supported by this local endpoint.");
            }
        }

        var (stateName, state) = ReadTestedState(definition, request.OptionalString("stateName"));
        var machine = OneStateMachine(stateName, state);
        await using var scratch = new LocalStepFunctions(new LocalEngineOptions
        {
            Store = new InMemoryExecutionStore(),
            TimeProvider = Engine.Options.TimeProvider,
            Region = Engine.Options.Region,
            AccountId = Engine.Options.AccountId,
        });
        foreach (var integration in Engine.Options.Integrations)
        {
            scratch.Options.Integrations.Add(integration);
        }

        var arn = scratch.CreateStateMachine("TestState", machine.ToJsonString());
        var execution = await scratch.StartExecutionAsync(arn, input, ct: ct);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TestStateLimit);
        ExecutionDescription ended;
        try
        {
            ended = await scratch.WaitForCompletionAsync(execution, limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw ApiErrorException.Validation($"The state did not finish within {TestStateLimit.TotalSeconds} seconds.");
        }

        var history = await scratch.GetExecutionHistoryAsync(execution, ct);
        return TestStateAnswer(stateName, state, input, level, ended, history);
    }

    private static (string Name, JsonObject State) ReadTestedState(string definition, string? stateName)
    {
        JsonObject parsed;
        try
        {
            parsed = JsonNode.Parse(definition) as JsonObject ?? throw new ApiErrorException("InvalidDefinition", "Invalid State Machine Definition: 'a state is a JSON object'");
        }
        catch (JsonException ex)
        {
            throw new ApiErrorException("InvalidDefinition", $"Invalid State Machine Definition: '{ex.Message}'");
        }

        if (stateName is null)
        {
            return ("TestState", parsed);
        }

        return parsed["States"]?[stateName] is JsonObject named
            ? (stateName, named)
            : throw new ApiErrorException("InvalidDefinition", $"Invalid State Machine Definition: 'state {stateName} does not exist in the definition'");
    }

    private static JsonObject OneStateMachine(string name, JsonObject original)
    {
        var state = (JsonObject)original.DeepClone();
        state.Remove("Retry");
        if (state["Resource"] is JsonValue resource && resource.TryGetValue(out string? arn) && (arn.EndsWith(".waitForTaskToken", StringComparison.Ordinal) || arn.EndsWith(".sync", StringComparison.Ordinal) || arn.Contains(".sync:", StringComparison.Ordinal)))
        {
            throw ApiErrorException.Validation("TestState does not support the .sync and .waitForTaskToken integration patterns.");
        }

        if (state["Type"]?.GetValue<string>() == "Wait")
        {
            state = new JsonObject { ["Type"] = "Pass", ["InputPath"] = state["InputPath"]?.DeepClone(), ["OutputPath"] = state["OutputPath"]?.DeepClone(), ["Next"] = state["Next"]?.DeepClone(), ["End"] = state["End"]?.DeepClone() };
            foreach (var empty in state.Where(p => p.Value is null).Select(p => p.Key).ToList())
            {
                state.Remove(empty);
            }
        }

        var states = new JsonObject { [name] = state };
        foreach (var target in Targets(state).Where(t => t != name).Distinct(StringComparer.Ordinal))
        {
            states[target] = new JsonObject { ["Type"] = "Pass", ["End"] = true };
        }

        return new JsonObject { ["StartAt"] = name, ["States"] = states };
    }

    private static IEnumerable<string> Targets(JsonObject state)
    {
        var nodes = new List<JsonNode?> { state["Next"], state["Default"] };
        nodes.AddRange((state["Choices"] as JsonArray ?? []).Select(c => c?["Next"]));
        nodes.AddRange((state["Catch"] as JsonArray ?? []).Select(c => c?["Next"]));
        return nodes.OfType<JsonValue>().Select(v => v.TryGetValue(out string? s) ? s : null).OfType<string>();
    }

    private static JsonObject TestStateAnswer(string name, JsonObject state, string input, string level, ExecutionDescription ended, IReadOnlyList<HistoryEvent> history)
    {
        var targets = Targets(state).ToHashSet(StringComparer.Ordinal);
        targets.Remove(name);
        var next = history.FirstOrDefault(e => e.Type.EndsWith("StateEntered", StringComparison.Ordinal) && targets.Contains(e.Details?["name"]?.GetValue<string>() ?? string.Empty));
        var failure = history.FirstOrDefault(e => e.Type is not "ExecutionFailed" && (e.Type.EndsWith("Failed", StringComparison.Ordinal) || e.Type.EndsWith("TimedOut", StringComparison.Ordinal)));
        var answer = new JsonObject();
        if (ended.Status != ExecutionStatus.Succeeded)
        {
            answer["status"] = "FAILED";
            answer["error"] = ended.Error ?? string.Empty;
            answer["cause"] = ended.Cause ?? string.Empty;
        }
        else
        {
            var nextName = next?.Details?["name"]?.GetValue<string>();
            answer["status"] = failure is not null && nextName is not null && CatchTargets(state).Contains(nextName) ? "CAUGHT_ERROR" : "SUCCEEDED";
            answer["output"] = next?.Details?["input"]?.GetValue<string>() ?? ended.Output;
            if (nextName is not null)
            {
                answer["nextState"] = nextName;
            }

            if (answer["status"]!.GetValue<string>() == "CAUGHT_ERROR" && failure!.Details is { } details)
            {
                answer["error"] = details["error"]?.GetValue<string>() ?? string.Empty;
                answer["cause"] = details["cause"]?.GetValue<string>() ?? string.Empty;
            }
        }

        if (level != "INFO")
        {
            var inspection = new JsonObject { ["input"] = input };
            if (history.FirstOrDefault(e => e.Type.EndsWith("Succeeded", StringComparison.Ordinal) && e.Type != "ExecutionSucceeded") is { Details: { } result } && result["output"] is { } output)
            {
                inspection["result"] = output.DeepClone();
            }

            answer["inspectionData"] = inspection;
        }

        return answer;
    }

    private static HashSet<string> CatchTargets(JsonObject state) =>
        [.. (state["Catch"] as JsonArray ?? []).Select(c => c?["Next"] is JsonValue v && v.TryGetValue(out string? s) ? s : null).OfType<string>()];
}
