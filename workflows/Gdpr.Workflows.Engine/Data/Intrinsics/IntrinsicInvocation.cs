using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data.Json;

namespace Gdpr.Workflows.Engine.Data.Intrinsics;

/// <summary>One call being evaluated: its evaluated arguments, typed accessors that fail as AWS does, and randomness.</summary>
internal sealed class IntrinsicInvocation(IntrinsicCall call, IReadOnlyList<JsonNode?> arguments, Random random)
{
    public IntrinsicCall Call { get; } = call;

    public IReadOnlyList<JsonNode?> Arguments { get; } = arguments;

    public Random Random { get; } = random;

    public int Count => Arguments.Count;

    public JsonNode? this[int index] => Arguments[index];

    /// <summary>The failure Step Functions reports for an intrinsic function that cannot produce a value.</summary>
    public AslRuntimeException Failure(string detail) =>
        new(ErrorNames.IntrinsicFailure, $"The function '{Call.Source}' had the following error: {detail}");

    public string String(int index) => JsonValues.TryGetString(Arguments[index], out var text)
        ? text
        : throw WrongType(index, "STRING");

    public JsonArray Array(int index) => Arguments[index] as JsonArray ?? throw WrongType(index, "ARRAY");

    public JsonObject Object(int index) => Arguments[index] as JsonObject ?? throw WrongType(index, "OBJECT");

    public bool Boolean(int index) => JsonValues.TryGetBoolean(Arguments[index], out var flag)
        ? flag
        : throw WrongType(index, "BOOLEAN");

    public JsonNumber Number(int index) => JsonNumber.TryRead(Arguments[index], out var number)
        ? number
        : throw WrongType(index, "NUMBER");

    /// <summary>An argument that must hold a whole number (1.0 counts) within the Java int range.</summary>
    public int Integer(int index)
    {
        var number = Number(index);
        if (!number.IsIntegral)
        {
            throw Failure($"The argument at position {index + 1} must be an integer, but was {number.ToJsonText()}");
        }

        return ToInt32(index, number.IsInteger ? number.Integer : new BigInteger(number.Floating));
    }

    /// <summary>A number rounded to the closest integer, halves up (Java's Math.round), within the Java int range.</summary>
    public int RoundedInteger(int index)
    {
        var number = Number(index);
        return ToInt32(index, number.IsInteger ? number.Integer : new BigInteger(Math.Floor(number.Floating + 0.5)));
    }

    private int ToInt32(int index, BigInteger value) => value >= int.MinValue && value <= int.MaxValue
        ? (int)value
        : throw Failure(string.Create(
            CultureInfo.InvariantCulture,
            $"The argument at position {index + 1} must be between {int.MinValue} and {int.MaxValue}, but was {value}"));

    private AslRuntimeException WrongType(int index, string expected) =>
        Failure($"The argument at position {index + 1} must be of type {expected}, but was {JsonValues.TypeName(Arguments[index])}");
}
