using System.Text.Json.Nodes;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Tests.Support;

/// <summary>The erasure-task contract's answer cases, shared with the TaskCallback function's tests.</summary>
public static class ContractCases
{
    public static string Root { get; } = Path.GetDirectoryName(RepositoryTemplate.Find(startDirectory: AppContext.BaseDirectory))!;

    private static JsonArray Cases => JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "contracts", "erasure-task", "v1", "cases", "answers.json")))!["cases"]!.AsArray();

    public static TheoryData<string> Names() => [.. All()];

    public static IEnumerable<string> All() => Cases.Select(c => c!["name"]!.GetValue<string>());

    public static (string Expect, JsonObject Body) Get(string name)
    {
        var found = Cases.Single(c => c!["name"]!.GetValue<string>() == name)!;
        return (found["expect"]!.GetValue<string>(), found["body"]!.DeepClone().AsObject());
    }
}
