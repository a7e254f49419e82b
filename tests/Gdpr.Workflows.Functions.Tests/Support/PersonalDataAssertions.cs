using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Functions.Tests.Support;

/// <summary>Checks that answers and error messages hold none of the test subject's identifiers, in any form.</summary>
internal static class PersonalDataAssertions
{
    public static void ShouldHoldNoPersonalData(this JsonNode? node) => ShouldHoldNoPersonalData(node?.ToJsonString() ?? string.Empty);

    public static void ShouldHoldNoPersonalData(this string text)
    {
        // A JSON string escapes '+' as \u002B; compare on the decoded form too.
        var decoded = text.Replace("\\u002B", "+", StringComparison.Ordinal);
        foreach (var value in FunctionHarness.PersonalData)
        {
            decoded.Should().NotContainEquivalentOf(value);
        }
    }
}
