using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Stack.Tests.Checks;

/// <summary>Every Task state, at any depth (Map item processors, Parallel branches), declares Retry or Catch.</summary>
internal static class TaskErrorHandlingCheck
{
    public static IReadOnlyList<string> CheckFile(string path) => Check(File.ReadAllText(path), Path.GetFileName(path));

    public static IReadOnlyList<string> Check(string aslJson, string source)
    {
        var violations = new List<string>();
        var root = JsonNode.Parse(aslJson) as JsonObject ?? throw new InvalidDataException($"{source}: not a JSON object");
        Walk(root, "States", source, violations);
        return violations;
    }

    private static void Walk(JsonObject machine, string location, string source, List<string> violations)
    {
        foreach (var (name, node) in machine["States"] as JsonObject ?? [])
        {
            if (node is not JsonObject state)
            {
                continue;
            }

            var stateLocation = $"{location}.{name}";
            switch ((string?)state["Type"])
            {
                case "Task" when !HasEntries(state["Retry"]) && !HasEntries(state["Catch"]):
                    violations.Add($"{source}: Task state {stateLocation} has neither Retry nor Catch");
                    break;
                case "Map" when (state["ItemProcessor"] ?? state["Iterator"]) is JsonObject processor:
                    Walk(processor, $"{stateLocation}.ItemProcessor.States", source, violations);
                    break;
                case "Parallel" when state["Branches"] is JsonArray branches:
                    for (var i = 0; i < branches.Count; i++)
                    {
                        if (branches[i] is JsonObject branch)
                        {
                            Walk(branch, $"{stateLocation}.Branches[{i}].States", source, violations);
                        }
                    }

                    break;
                default:
                    break;
            }
        }
    }

    private static bool HasEntries(JsonNode? node) => node is JsonArray { Count: > 0 };
}
