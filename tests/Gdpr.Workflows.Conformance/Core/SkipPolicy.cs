using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Conformance.Core;

/// <summary>Which cases the local engine is not expected to run yet, and why.</summary>
internal static class SkipPolicy
{
    /// <summary>The <c>needs</c> the runner can satisfy in-process.</summary>
    public static readonly IReadOnlySet<string> SupportedNeeds = new HashSet<string>(StringComparer.Ordinal) { "lambda" };

    /// <summary>Null when the case should run, else the reason it is skipped.</summary>
    public static string? ReasonToSkip(ConformanceCase testCase)
    {
        if (UsesJsonata(testCase))
        {
            return "JSONata not supported yet";
        }

        if (testCase.Expected.Status == "NOT_TERMINATED")
        {
            return "AWS recorded no terminal status";
        }

        var unsupported = testCase.Needs.Where(n => !SupportedNeeds.Contains(n)).ToList();
        if (unsupported.Count > 0)
        {
            return "needs " + string.Join(", ", unsupported);
        }

        var unknownFixture = testCase.Fixtures.FirstOrDefault(f => !LambdaFixtures.IsKnown(f.HandlerFile));
        return unknownFixture is null ? null : $"no C# equivalent of Lambda fixture {Path.GetFileName(unknownFixture.HandlerFile)}";
    }

    public static bool UsesJsonata(ConformanceCase testCase) =>
        testCase.Features.Contains("JSONata")
        || DeclaresJsonata(testCase.Definition)
        || (testCase.DefinitionText?.Contains("JSONata", StringComparison.Ordinal) ?? false);

    private static bool DeclaresJsonata(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Any(p =>
            (p.Key == "QueryLanguage" && p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == "JSONata")
            || DeclaresJsonata(p.Value)),
        JsonArray array => array.Any(DeclaresJsonata),
        _ => false,
    };
}
