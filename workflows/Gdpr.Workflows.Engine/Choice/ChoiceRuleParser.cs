using System.Text.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Language;

namespace Gdpr.Workflows.Engine.Choice;

/// <summary>
/// Validates Choice rules as CreateStateMachine does and builds their immutable trees.
/// Locations in messages follow the JSON structure: <c>Choices[2].And[0].Not</c>.
/// </summary>
internal sealed class ChoiceRuleParser(string stateName)
{
    private static readonly string[] BooleanOperators = ["And", "Or", "Not"];

    public ChoiceRule ParseRule(JsonObject rule, string location)
    {
        var next = rule["Next"];
        if (next is null)
        {
            throw Invalid(location, "has no Next");
        }

        if (next.GetValueKind() != JsonValueKind.String || next.GetValue<string>().Length == 0)
        {
            throw Invalid(location, "has a Next that is not a non-empty string");
        }

        JsonObject? assign = null;
        if (rule["Assign"] is { } assignNode)
        {
            assign = assignNode as JsonObject ?? throw Invalid(location, "has an Assign that is not an object");
        }

        var condition = ParseCondition(rule, location, isTopLevel: true);
        return new ChoiceRule(condition, next.GetValue<string>(), (JsonObject?)assign?.DeepClone());
    }

    private ChoiceExpression ParseCondition(JsonObject rule, string location, bool isTopLevel)
    {
        var operators = new List<OperatorTraits>();
        var booleans = new List<string>();
        foreach (var (name, _) in rule)
        {
            if (OperatorTraits.TryGet(name, out var traits))
            {
                operators.Add(traits);
            }
            else if (BooleanOperators.Contains(name))
            {
                booleans.Add(name);
            }
            else if (name is "Next" or "Assign")
            {
                if (!isTopLevel)
                {
                    throw Invalid(location, $"is a nested rule and must not have {name} (only top-level Choices rules have it)");
                }
            }
            else if (name is "Condition" or "Output")
            {
                throw Invalid(location, $"has {name}, which is only supported with QueryLanguage JSONata");
            }
            else if (name is not ("Variable" or "Comment"))
            {
                throw Invalid(location, $"has unknown field '{name}' (not a comparison operator or a Choice rule field)");
            }
        }

        if (booleans.Count > 0)
        {
            return ParseBoolean(rule, location, booleans, hasDataTest: operators.Count > 0 || rule.ContainsKey("Variable"));
        }

        return ParseDataTest(rule, location, operators);
    }

    private ChoiceExpression ParseBoolean(JsonObject rule, string location, List<string> booleans, bool hasDataTest)
    {
        if (booleans.Count > 1)
        {
            throw Invalid(location, $"has more than one of And, Or, Not ({string.Join(", ", booleans)})");
        }

        var name = booleans[0];
        if (hasDataTest)
        {
            throw Invalid(location, $"mixes {name} with Variable or a comparison operator");
        }

        var value = rule[name];
        if (name == "Not")
        {
            var nested = value as JsonObject ?? throw Invalid(location, "has a Not that is not a Choice rule object");
            return new NotExpression(ParseCondition(nested, $"{location}.Not", isTopLevel: false));
        }

        if (value is not JsonArray array || array.Count == 0)
        {
            throw Invalid(location, $"has an {name} that is not a non-empty array of Choice rules");
        }

        var operands = new List<ChoiceExpression>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var nestedLocation = $"{location}.{name}[{i}]";
            var nested = array[i] as JsonObject ?? throw Invalid(nestedLocation, "is not a Choice rule object");
            operands.Add(ParseCondition(nested, nestedLocation, isTopLevel: false));
        }

        return name == "And" ? new AndExpression(operands.AsReadOnly()) : new OrExpression(operands.AsReadOnly());
    }

    private DataTestExpression ParseDataTest(JsonObject rule, string location, List<OperatorTraits> operators)
    {
        if (operators.Count == 0)
        {
            throw Invalid(location, "has no comparison operator");
        }

        if (operators.Count > 1)
        {
            throw Invalid(location, $"has more than one comparison operator ({string.Join(", ", operators.Select(o => o.Operator))})");
        }

        var variable = rule["Variable"];
        if (variable is null)
        {
            throw Invalid(location, "has a comparison operator but no Variable");
        }

        if (variable.GetValueKind() != JsonValueKind.String || !ReferencePathSyntax.IsValid(variable.GetValue<string>()))
        {
            throw Invalid(location, $"has a Variable that is not a valid reference path: {variable.ToJsonString()}");
        }

        var traits = operators[0];
        var operand = rule[traits.Operator.ToString()];
        var operandLocation = $"{location}.{traits.Operator}";
        if (traits.IsPath)
        {
            if (KindOf(operand) != JsonValueKind.String || !ReferencePathSyntax.IsValid(operand!.GetValue<string>()))
            {
                throw Invalid(operandLocation, $"must be a valid reference path, not {Describe(operand)}");
            }

            return new DataTestExpression(variable.GetValue<string>(), traits, literal: null, operand.GetValue<string>());
        }

        CheckLiteral(traits, operand, operandLocation);
        return new DataTestExpression(variable.GetValue<string>(), traits, operand!.DeepClone(), operandPath: null);
    }

    private void CheckLiteral(OperatorTraits traits, JsonNode? operand, string location)
    {
        var kind = KindOf(operand);
        var expected = traits.Family switch
        {
            OperandFamily.String when kind == JsonValueKind.String => null,
            OperandFamily.String => "a string",
            OperandFamily.Numeric when kind == JsonValueKind.Number => null,
            OperandFamily.Numeric => "a number",
            OperandFamily.Timestamp when kind != JsonValueKind.String => "a timestamp string",
            OperandFamily.Timestamp when !AslTimestamp.IsValid(operand!.GetValue<string>()) =>
                "an RFC3339 timestamp such as 2016-03-14T01:59:00Z",
            OperandFamily.Timestamp => null,
            _ when kind is JsonValueKind.True or JsonValueKind.False => null,
            _ => "a boolean",
        };
        if (expected is not null)
        {
            throw Invalid(location, $"must be {expected}, not {Describe(operand)}");
        }
    }

    private static JsonValueKind KindOf(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    private static string Describe(JsonNode? node) => KindOf(node) switch
    {
        JsonValueKind.String => $"the string {node!.ToJsonString()}",
        JsonValueKind.Number => $"the number {node!.ToJsonString()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {node!.ToJsonString()}",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "null",
    };

    private AslDefinitionException Invalid(string location, string problem) =>
        new($"State '{stateName}': {location} {problem}");
}
