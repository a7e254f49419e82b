using System.Collections.Frozen;

namespace Gdpr.Workflows.Engine.Choice;

/// <summary>The type of value an operator works on.</summary>
internal enum OperandFamily
{
    String,
    Numeric,
    Boolean,
    Timestamp,
    TypeTest,
}

/// <summary>What an operator does with the two values once both are of its family.</summary>
internal enum Comparison
{
    Equals,
    LessThan,
    GreaterThan,
    LessThanEquals,
    GreaterThanEquals,
    Matches,
    TypeTest,
}

/// <summary>
/// The family, comparison and operand form of each operator, derived from its ASL name
/// (e.g. NumericGreaterThanEqualsPath = Numeric, GreaterThanEquals, operand read from a path).
/// </summary>
internal sealed record OperatorTraits(ComparisonOperator Operator, OperandFamily Family, Comparison Comparison, bool IsPath)
{
    private static readonly FrozenDictionary<string, OperatorTraits> ByName = Enum.GetValues<ComparisonOperator>()
        .ToFrozenDictionary(op => op.ToString(), Derive, StringComparer.Ordinal);

    private static readonly FrozenDictionary<ComparisonOperator, OperatorTraits> ByOperator =
        ByName.Values.ToFrozenDictionary(traits => traits.Operator);

    /// <summary>Ordering comparisons (not Equals, Matches or type tests).</summary>
    public bool IsOrdering => Comparison is Comparison.LessThan or Comparison.GreaterThan
        or Comparison.LessThanEquals or Comparison.GreaterThanEquals;

    /// <summary>Exact, case-sensitive lookup of an operator by its field name in a Choice rule.</summary>
    public static bool TryGet(string fieldName, out OperatorTraits traits) =>
        ByName.TryGetValue(fieldName, out traits!);

    public static OperatorTraits Of(ComparisonOperator op) => ByOperator[op];

    private static OperatorTraits Derive(ComparisonOperator op)
    {
        var name = op.ToString();
        if (name.StartsWith("Is", StringComparison.Ordinal))
        {
            return new OperatorTraits(op, OperandFamily.TypeTest, Comparison.TypeTest, IsPath: false);
        }

        var isPath = name.EndsWith("Path", StringComparison.Ordinal);
        var core = isPath ? name[..^"Path".Length] : name;
        var family = core switch
        {
            _ when core.StartsWith("String", StringComparison.Ordinal) => OperandFamily.String,
            _ when core.StartsWith("Numeric", StringComparison.Ordinal) => OperandFamily.Numeric,
            _ when core.StartsWith("Boolean", StringComparison.Ordinal) => OperandFamily.Boolean,
            _ => OperandFamily.Timestamp,
        };
        var comparison = core[family.ToString().Length..] switch
        {
            "Equals" => Comparison.Equals,
            "LessThan" => Comparison.LessThan,
            "GreaterThan" => Comparison.GreaterThan,
            "LessThanEquals" => Comparison.LessThanEquals,
            "GreaterThanEquals" => Comparison.GreaterThanEquals,
            "Matches" => Comparison.Matches,
            var other => throw new InvalidOperationException($"Unmapped comparison '{other}' in {name}"),
        };
        return new OperatorTraits(op, family, comparison, isPath);
    }
}
