using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gdpr.Workflows.Stack.Tests.Template;

namespace Gdpr.Workflows.Stack.Tests.Checks;

/// <summary>
/// For every AWS::Serverless::StateMachine: each <c>${Name}</c> in its definition has a DefinitionSubstitutions
/// entry, each entry is used, and the definition names no concrete account ARN (they all come in through
/// substitutions, so one definition serves every stage and the local engine).
/// </summary>
internal static partial class SubstitutionCheck
{
    public static IReadOnlyList<string> Check(StackTemplate template)
    {
        var violations = new List<string>();
        foreach (var machine in template.OfType("AWS::Serverless::StateMachine"))
        {
            var (definition, source) = ReadDefinition(template, machine, violations);
            if (definition is null)
            {
                continue;
            }

            var placeholders = Placeholders(definition);
            var substitutions = (machine.Properties["DefinitionSubstitutions"] as JsonObject)?.Select(p => p.Key).ToHashSet(StringComparer.Ordinal)
                ?? [];

            violations.AddRange(placeholders.Except(substitutions).Order(StringComparer.Ordinal).Select(name =>
                $"{source}: ${{{name}}} has no entry in Resources.{machine.LogicalId}.Properties.DefinitionSubstitutions"));
            violations.AddRange(substitutions.Except(placeholders).Order(StringComparer.Ordinal).Select(name =>
                $"Resources.{machine.LogicalId}.Properties.DefinitionSubstitutions.{name} is not used by {source}"));
            violations.AddRange(HardCodedArn().Matches(definition).Select(m => m.Value).Distinct().Select(arn =>
                $"{source}: hard-coded ARN '{arn}'; pass it in through DefinitionSubstitutions"));
        }

        return violations;
    }

    /// <summary>The names inside <c>${...}</c>.</summary>
    public static ISet<string> Placeholders(string definition) =>
        Placeholder().Matches(definition).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

    private static (string? Definition, string Source) ReadDefinition(StackTemplate template, TemplateResource machine, List<string> violations)
    {
        var uri = machine.Properties["DefinitionUri"];
        if (StackTemplate.Text(uri) is { } relative)
        {
            var path = Path.Combine(template.Directory, relative);
            if (File.Exists(path))
            {
                return (File.ReadAllText(path), relative);
            }

            violations.Add($"Resources.{machine.LogicalId}.Properties.DefinitionUri: {relative} does not exist");
            return (null, relative);
        }

        if (machine.Properties["Definition"] is JsonObject inline)
        {
            return (inline.ToJsonString(), $"Resources.{machine.LogicalId}.Properties.Definition");
        }

        violations.Add($"Resources.{machine.LogicalId}: the definition must be a local DefinitionUri file or an inline Definition");
        return (null, machine.LogicalId);
    }

    [GeneratedRegex(@"\$\{(?<name>[^}]*)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"arn:aws[a-z-]*:[a-z0-9-]+:[a-z]{2}(-[a-z]+)+-\d:\d{12}:[^""\s]*")]
    private static partial Regex HardCodedArn();
}
