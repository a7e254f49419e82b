using System.Text.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data;
using Gdpr.Workflows.Engine.Data.Json;

namespace Gdpr.Workflows.Engine.Choice;

/// <summary>
/// A comparison of the value at <see cref="Variable"/> with a literal (<c>NumericEquals: 1</c>) or with
/// the value at another path (<c>NumericEqualsPath: "$.limit"</c>), or a type test (<c>IsNull</c>, <c>IsPresent</c>, ...).
/// </summary>
/// <remarks>
/// AWS semantics: a value of another type than the operator's makes the comparison false, not an error
/// (a string "1" is not NumericEquals 1, a number is not StringEquals anything). Numbers compare by value
/// (1 equals 1.0). Strings compare by UTF-16 code units, case-sensitively. Timestamps compare by instant;
/// a string that is not an ASL timestamp compares false.
/// </remarks>
public sealed class DataTestExpression : ChoiceExpression
{
    private readonly OperatorTraits traits;
    private readonly JsonNode? literal;
    private readonly StringPattern? pattern;

    internal DataTestExpression(string variable, OperatorTraits traits, JsonNode? literal, string? operandPath)
    {
        Variable = variable;
        this.traits = traits;
        this.literal = literal;
        OperandPath = operandPath;
        if (traits.Comparison == Comparison.Matches)
        {
            pattern = StringPattern.Compile(literal!.GetValue<string>());
        }
    }

    /// <summary>The reference path whose value is tested.</summary>
    public string Variable { get; }

    public ComparisonOperator Operator => traits.Operator;

    /// <summary>For the <c>…Path</c> operators, the reference path of the value to compare with; otherwise null.</summary>
    public string? OperandPath { get; }

    /// <summary>For the other operators, a copy of the literal operand (a string, number or boolean); otherwise null.</summary>
    public JsonNode? Operand => literal?.DeepClone();

    public override bool Evaluate(PathContext context, PathReader read)
    {
        var found = read(Variable, context, out var value);
        if (traits.Operator == ComparisonOperator.IsPresent)
        {
            return found == literal!.GetValue<bool>();
        }

        if (!found)
        {
            throw ChoiceErrors.InvalidPath(Variable);
        }

        var operand = literal;
        if (OperandPath is not null)
        {
            if (!read(OperandPath, context, out operand))
            {
                throw ChoiceErrors.InvalidPath(OperandPath);
            }

            if (traits.IsOrdering && !HoldsFamilyType(operand))
            {
                throw ChoiceErrors.InvalidValueAtPath(OperandPath);
            }
        }

        return traits.Family switch
        {
            OperandFamily.TypeTest => HasTestedType(value) == literal!.GetValue<bool>(),
            OperandFamily.String => CompareStrings(value, operand),
            OperandFamily.Numeric => JsonNumber.TryRead(value, out var left) && JsonNumber.TryRead(operand, out var right)
                && Holds(left.CompareTo(right)),
            OperandFamily.Boolean => KindOf(value) is JsonValueKind.True or JsonValueKind.False
                && KindOf(value) == KindOf(operand),
            OperandFamily.Timestamp => TryTimestamp(value, out var leftTime) && TryTimestamp(operand, out var rightTime)
                && Holds(leftTime.CompareTo(rightTime)),
            _ => throw new InvalidOperationException($"Unknown operand family {traits.Family}"),
        };
    }

    private static JsonValueKind KindOf(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    private static bool TryTimestamp(JsonNode? node, out AslTimestamp timestamp)
    {
        timestamp = default;
        return KindOf(node) == JsonValueKind.String && AslTimestamp.TryParse(node!.GetValue<string>(), out timestamp);
    }

    private bool HoldsFamilyType(JsonNode? node) => traits.Family switch
    {
        OperandFamily.Numeric => KindOf(node) == JsonValueKind.Number,
        _ => KindOf(node) == JsonValueKind.String,
    };

    private bool HasTestedType(JsonNode? value) => traits.Operator switch
    {
        ComparisonOperator.IsNull => KindOf(value) == JsonValueKind.Null,
        ComparisonOperator.IsNumeric => KindOf(value) == JsonValueKind.Number,
        ComparisonOperator.IsString => KindOf(value) == JsonValueKind.String,
        ComparisonOperator.IsBoolean => KindOf(value) is JsonValueKind.True or JsonValueKind.False,
        ComparisonOperator.IsTimestamp => TryTimestamp(value, out _),
        _ => throw new InvalidOperationException($"{traits.Operator} is not a type test"),
    };

    private bool CompareStrings(JsonNode? value, JsonNode? operand)
    {
        if (KindOf(value) != JsonValueKind.String || KindOf(operand) != JsonValueKind.String)
        {
            return false;
        }

        var text = value!.GetValue<string>();
        return pattern is not null
            ? pattern.IsMatch(text)
            : Holds(string.CompareOrdinal(text, operand!.GetValue<string>()));
    }

    /// <summary>Whether the operator's comparison holds for a CompareTo result.</summary>
    private bool Holds(int order) => traits.Comparison switch
    {
        Comparison.Equals => order == 0,
        Comparison.LessThan => order < 0,
        Comparison.GreaterThan => order > 0,
        Comparison.LessThanEquals => order <= 0,
        Comparison.GreaterThanEquals => order >= 0,
        _ => throw new InvalidOperationException($"{traits.Operator} does not order its operands"),
    };
}
