using System.Text;
using System.Text.RegularExpressions;

namespace Gdpr.Workflows.Engine.Sam;

/// <summary>
/// Replaces <c>${Name}</c> placeholders in a state machine definition with DefinitionSubstitutions, as text
/// (values are inserted unescaped, as CloudFormation does). Every placeholder must have a substitution.
/// </summary>
internal static partial class DefinitionSubstitution
{
    public sealed record Missing(string Name, int Line);

    public sealed record Result(string Text, IReadOnlyList<Missing> Missing, IReadOnlyList<string> Unused);

    public static Result Apply(string definition, IReadOnlyDictionary<string, string> substitutions)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var missing = new List<Missing>();
        var text = Placeholder().Replace(definition, match =>
        {
            var name = match.Groups["name"].Value;
            if (substitutions.TryGetValue(name, out var value))
            {
                used.Add(name);
                return value;
            }

            missing.Add(new Missing(name, LineAt(definition, match.Index)));
            return match.Value;
        });

        var unused = substitutions.Keys.Where(name => !used.Contains(name)).ToList();
        return new Result(text, missing, unused);
    }

    private static int LineAt(string text, int index)
    {
        var line = 1;
        foreach (var c in text.AsSpan(0, index))
        {
            if (c == '\n')
            {
                line++;
            }
        }

        return line;
    }

    public static string Describe(IEnumerable<Missing> missing)
    {
        var text = new StringBuilder();
        foreach (var placeholder in missing)
        {
            text.Append(text.Length == 0 ? string.Empty : ", ").Append("${").Append(placeholder.Name).Append("} (line ").Append(placeholder.Line).Append(')');
        }

        return text.ToString();
    }

    [GeneratedRegex(@"\$\{(?<name>[^}]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
