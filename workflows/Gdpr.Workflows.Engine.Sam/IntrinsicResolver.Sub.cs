using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Sam;

/// <summary>Fn::Sub: ${Name} and ${Resource.Attribute} in text, with or without a variable map.</summary>
internal sealed partial class IntrinsicResolver
{
    private string Sub(JsonNode? argument, Scope scope)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        string template;
        if (argument is JsonArray { Count: 2 } pair && pair[1] is JsonObject map)
        {
            template = Literal(pair[0], "Fn::Sub", scope);
            foreach (var (name, value) in map)
            {
                variables[name] = RequiredText(value, $"Fn::Sub variable '{name}'", Child(scope, $".{name}", value));
            }
        }
        else
        {
            template = JsonText.OfScalar(argument)
                ?? throw Fail(scope, $"Fn::Sub takes a string or [string, {{variables}}], not {JsonText.Describe(argument)}");
        }

        var text = new StringBuilder();
        var position = 0;
        while (position < template.Length)
        {
            var start = template.IndexOf("${", position, StringComparison.Ordinal);
            var end = start < 0 ? -1 : template.IndexOf('}', start + 2);
            if (end < 0)
            {
                // CloudFormation leaves text without a complete ${...} as it is.
                text.Append(template, position, template.Length - position);
                break;
            }

            text.Append(template, position, start - position);
            var name = template[(start + 2)..end];
            text.Append(name.StartsWith('!') ? $"${{{name[1..]}}}" : SubVariable(name, variables, scope));
            position = end + 1;
        }

        return text.ToString();
    }

    private string SubVariable(string name, Dictionary<string, string> variables, Scope scope)
    {
        if (variables.TryGetValue(name, out var value))
        {
            return value;
        }

        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && !name.StartsWith("AWS::", StringComparison.Ordinal))
        {
            return GetAtt(name[..dot], name[(dot + 1)..], scope);
        }

        var resolved = Ref(name, scope);
        return ReferenceEquals(resolved, NoValue)
            ? throw Fail(scope, "Fn::Sub cannot insert AWS::NoValue")
            : JsonText.OfScalar(resolved) ?? throw Fail(scope, $"Fn::Sub cannot insert '${{{name}}}': it is {JsonText.Describe(resolved)}");
    }
}
