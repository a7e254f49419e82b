using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Sam;

/// <summary>Conditions: Fn::If, Fn::And/Or/Not/Equals and the Conditions section, each evaluated once.</summary>
internal sealed partial class IntrinsicResolver
{
    public Dictionary<string, bool> EvaluateAllConditions()
    {
        foreach (var (name, _) in _conditions)
        {
            IsConditionTrue(name, new Scope($"Conditions.{name}", null));
        }

        return new Dictionary<string, bool>(_conditionValues, StringComparer.Ordinal);
    }

    public bool IsConditionTrue(string name, Scope scope)
    {
        if (_conditionValues.TryGetValue(name, out var known))
        {
            return known;
        }

        if (!_conditions.TryGetPropertyValue(name, out var definition))
        {
            throw Fail(scope, $"condition '{name}' is not defined in Conditions");
        }

        if (!_conditionsInProgress.Add(name))
        {
            throw Fail(scope, $"condition '{name}' depends on itself");
        }

        try
        {
            var value = EvaluateCondition(definition, ScopeOf($"Conditions.{name}", definition));
            _conditionValues[name] = value;
            return value;
        }
        finally
        {
            _conditionsInProgress.Remove(name);
        }
    }

    private JsonNode? If(JsonNode? argument, Scope scope)
    {
        if (argument is not JsonArray { Count: 3 } parts)
        {
            throw Fail(scope, $"Fn::If takes [condition, valueIfTrue, valueIfFalse], not {JsonText.Describe(argument)}");
        }

        var condition = Literal(parts[0], "Fn::If", scope);
        var branch = IsConditionTrue(condition, scope) ? parts[1] : parts[2];
        return ResolveNode(branch, Child(scope, string.Empty, branch));
    }

    private bool EvaluateCondition(JsonNode? node, Scope scope)
    {
        switch (node)
        {
            case JsonObject { Count: 1 } obj when obj["Condition"] is JsonValue reference:
                return IsConditionTrue(Literal(reference, "Condition", scope), scope);
            case JsonObject obj when TryGetIntrinsic(obj, out var function, out var argument)
                && function is "Fn::Equals" or "Fn::And" or "Fn::Or" or "Fn::Not":
                return EvaluateConditionFunction(function, argument, Child(scope, string.Empty, obj));
            default:
                return Resolve(node, scope) switch
                {
                    JsonValue value when JsonText.OfScalar(value) is "true" => true,
                    JsonValue value when JsonText.OfScalar(value) is "false" => false,
                    var other => throw Fail(scope, $"a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition, not {JsonText.Describe(other)}"),
                };
        }
    }

    private bool EvaluateConditionFunction(string function, JsonNode? argument, Scope scope)
    {
        if (function == "Fn::Equals")
        {
            var (leftNode, rightNode) = Pair(argument, function, "[value1, value2]", scope);
            var left = Resolve(leftNode, scope);
            var right = Resolve(rightNode, scope);
            return JsonText.OfScalar(left) is { } leftText && JsonText.OfScalar(right) is { } rightText
                ? string.Equals(leftText, rightText, StringComparison.Ordinal)
                : JsonNode.DeepEquals(left, right);
        }

        var (min, max) = function == "Fn::Not" ? (1, 1) : (2, 10);
        if (argument is not JsonArray operands || operands.Count < min || operands.Count > max)
        {
            throw Fail(scope, $"{function} takes a list of {min}{(max > min ? $" to {max}" : string.Empty)} conditions");
        }

        var values = operands.Select((operand, i) => EvaluateCondition(operand, Child(scope, $"[{i}]", operand)));
        return function switch
        {
            "Fn::Not" => !values.Single(),
            "Fn::And" => values.ToList().TrueForAll(v => v),
            _ => values.ToList().Exists(v => v),
        };
    }
}
