using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Gdpr.Workflows.Engine.Sam;

/// <summary>
/// Gives every template parameter its value: the override, else the Default, as CloudFormation would at deploy.
/// Checks Type Number, AllowedValues and AllowedPattern, and refuses overrides naming no parameter (a typo would
/// otherwise silently deploy the Default).
/// </summary>
internal static class ParameterBinder
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(1);

    public static Dictionary<string, SamParameter> Bind(SamDocument doc, IReadOnlyDictionary<string, string>? overrides)
    {
        overrides ??= new Dictionary<string, string>();
        var section = doc.Section("Parameters");
        var unknown = overrides.Keys.Where(name => !section.ContainsKey(name)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new SamTemplateException(doc.FilePath, null, $"parameter overrides name no template parameter: {string.Join(", ", unknown)}");
        }

        var parameters = new Dictionary<string, SamParameter>(StringComparer.Ordinal);
        foreach (var (name, node) in section)
        {
            parameters[name] = Bind(doc, name, node, overrides.GetValueOrDefault(name));
        }

        return parameters;
    }

    private static SamParameter Bind(SamDocument doc, string name, JsonNode? node, string? overrideValue)
    {
        var where = $"Parameters.{name}";
        if (node is not JsonObject declaration)
        {
            throw doc.Error(node, $"{where} must be a mapping");
        }

        var type = Text(doc, declaration, "Type", where) ?? "String";
        var defaultValue = declaration["Default"] is JsonArray list
            ? string.Join(',', list.Select(JsonText.OfScalar))
            : Text(doc, declaration, "Default", where);
        var allowed = declaration["AllowedValues"] is JsonArray values
            ? values.Select(v => JsonText.OfScalar(v) ?? throw doc.Error(v, $"{where}.AllowedValues holds {JsonText.Describe(v)}")).ToList()
            : [];
        var parameter = new SamParameter
        {
            Name = name,
            Type = type,
            Default = defaultValue,
            Value = overrideValue ?? defaultValue,
            IsOverridden = overrideValue is not null,
            Description = Text(doc, declaration, "Description", where),
            AllowedValues = allowed,
        };

        if (parameter.IsSsmValue && !parameter.IsOverridden)
        {
            // The Default names an SSM parameter; its value exists only in a real account.
            return new SamParameter
            {
                Name = name,
                Type = type,
                Default = defaultValue,
                Value = null,
                Description = parameter.Description,
                AllowedValues = allowed,
            };
        }

        if (parameter.Value is null)
        {
            throw doc.Error(declaration, $"{where} has no Default and no override was given");
        }

        Validate(doc, declaration, parameter, Text(doc, declaration, "AllowedPattern", where), where);
        return parameter;
    }

    private static void Validate(SamDocument doc, JsonObject declaration, SamParameter parameter, string? pattern, string where)
    {
        var items = parameter.IsList ? parameter.Value!.Split(',').Select(s => s.Trim()).ToList() : [parameter.Value!];
        foreach (var item in items)
        {
            if (parameter.Type == "Number" && !double.TryParse(item, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                throw doc.Error(declaration, $"{where}: value '{item}' is not a Number");
            }

            if (parameter.AllowedValues.Count > 0 && !parameter.AllowedValues.Contains(item, StringComparer.Ordinal))
            {
                throw doc.Error(declaration, $"{where}: value '{item}' is not one of AllowedValues [{string.Join(", ", parameter.AllowedValues)}]");
            }

            if (pattern is not null && !Regex.IsMatch(item, $"^(?:{pattern})$", RegexOptions.CultureInvariant, PatternTimeout))
            {
                throw doc.Error(declaration, $"{where}: value '{item}' does not match AllowedPattern '{pattern}'");
            }
        }
    }

    private static string? Text(SamDocument doc, JsonObject declaration, string key, string where)
    {
        var node = declaration[key];
        return node is null ? null : JsonText.OfScalar(node) ?? throw doc.Error(node, $"{where}.{key} must be a scalar, not {JsonText.Describe(node)}");
    }
}
