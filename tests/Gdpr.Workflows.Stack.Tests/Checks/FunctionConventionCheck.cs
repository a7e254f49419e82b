using System.Text.RegularExpressions;
using Gdpr.Workflows.Stack.Tests.Template;

namespace Gdpr.Workflows.Stack.Tests.Checks;

/// <summary>
/// The convention in functions/README.md: logical id <c>&lt;Name&gt;Function</c> is built from
/// <c>functions/Gdpr.Workflows.Functions.&lt;Name&gt;/</c> by its Makefile (BuildMethod makefile) into a
/// <c>bootstrap</c> executable for <c>provided.al2023</c>.
/// </summary>
internal static partial class FunctionConventionCheck
{
    public const string ProjectPrefix = "Gdpr.Workflows.Functions.";

    public static string ExpectedCodeUri(string name) => $"functions/{ProjectPrefix}{name}/";

    public static IReadOnlyList<string> Check(StackTemplate template)
    {
        var violations = new List<string>();
        foreach (var function in template.OfType("AWS::Serverless::Function"))
        {
            var location = $"Resources.{function.LogicalId}";
            var match = LogicalId().Match(function.LogicalId);
            if (!match.Success)
            {
                violations.Add($"{location}: a function's logical id must be <Name>Function in PascalCase");
                continue;
            }

            var expected = ExpectedCodeUri(match.Groups["name"].Value);
            var codeUri = StackTemplate.Text(template.PropertyWithGlobals(function, "Function", "CodeUri"));
            if (!string.Equals(codeUri, expected, StringComparison.Ordinal))
            {
                violations.Add($"{location}.Properties.CodeUri: '{codeUri}' should be '{expected}'");
            }

            Expect(template, function, "Handler", "bootstrap", violations);
            Expect(template, function, "Runtime", "provided.al2023", violations);
            var buildMethod = StackTemplate.Text(function.Metadata["BuildMethod"]);
            if (buildMethod != "makefile")
            {
                violations.Add($"{location}.Metadata.BuildMethod: '{buildMethod}' should be 'makefile'");
            }
        }

        return violations;
    }

    private static void Expect(StackTemplate template, TemplateResource function, string property, string expected, List<string> violations)
    {
        var actual = StackTemplate.Text(template.PropertyWithGlobals(function, "Function", property));
        if (actual != expected)
        {
            violations.Add($"Resources.{function.LogicalId}.Properties.{property}: '{actual}' should be '{expected}' (here or in Globals)");
        }
    }

    [GeneratedRegex("^(?<name>[A-Z][A-Za-z0-9]*)Function$")]
    private static partial Regex LogicalId();
}
