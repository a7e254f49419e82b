using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data.Intrinsics;

namespace Gdpr.Workflows.Engine.Data;

/// <summary>
/// The intrinsic functions of the Amazon States Language (JSONPath mode): States.Format, StringToJson,
/// JsonToString, Array, ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem, ArrayLength, ArrayUnique,
/// Base64Encode, Base64Decode, Hash, JsonMerge, MathRandom, MathAdd, StringSplit and UUID, nested freely.
/// </summary>
public static class IntrinsicFunctions
{
    private const int MaxCachedExpressions = 10_000;
    private static readonly ConcurrentDictionary<string, IntrinsicCall> Parsed = new(StringComparer.Ordinal);

    /// <summary>Whether a <c>.$</c> value is meant as an intrinsic call rather than a path.</summary>
    public static bool LooksLikeCall(string value) => value.TrimStart().StartsWith("States.", StringComparison.Ordinal);

    /// <summary>
    /// Evaluates <paramref name="expression"/>. A path argument that selects nothing fails with
    /// <c>States.Runtime</c> (named after <paramref name="fieldName"/> when given, as for a template key);
    /// a function that rejects its arguments fails with <c>States.IntrinsicFailure</c>.
    /// Randomness (MathRandom without seed, UUID) comes from <paramref name="random"/>, else
    /// <see cref="PathContext.Random"/>, else <see cref="Random.Shared"/>.
    /// </summary>
    public static JsonNode? Evaluate(string expression, PathContext context, string? fieldName = null, Random? random = null)
    {
        IntrinsicCall call;
        try
        {
            call = Parse(expression);
        }
        catch (IntrinsicSyntaxException exception)
        {
            throw new AslRuntimeException(ErrorNames.IntrinsicFailure, exception.Message);
        }

        return Invoke(call, context, fieldName, random ?? context.Random ?? Random.Shared);
    }

    /// <summary>Null when <paramref name="expression"/> is a well-formed call of a known function with a valid arity; otherwise why not.</summary>
    public static string? Validate(string expression)
    {
        try
        {
            Parse(expression);
            return null;
        }
        catch (IntrinsicSyntaxException exception)
        {
            return exception.Message;
        }
    }

    private static IntrinsicCall Parse(string expression)
    {
        if (Parsed.TryGetValue(expression, out var call))
        {
            return call;
        }

        call = IntrinsicParser.Parse(expression);
        if (Parsed.Count >= MaxCachedExpressions)
        {
            Parsed.Clear();
        }

        Parsed[expression] = call;
        return call;
    }

    private static JsonNode? Invoke(IntrinsicCall call, PathContext context, string? fieldName, Random random)
    {
        var arguments = new JsonNode?[call.Arguments.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = call.Arguments[i] switch
            {
                LiteralArgument literal => literal.Value?.DeepClone(),
                PathArgument path when fieldName is not null => JsonPaths.SelectForField(path.Path, context, fieldName),
                PathArgument path => JsonPaths.Select(path.Path, context),
                CallArgument nested => Invoke(nested.Call, context, fieldName, random),
                _ => throw new InvalidOperationException("Unknown intrinsic argument kind."),
            };
        }

        IntrinsicLibrary.TryGet(call.Name, out var function);
        return function!.Invoke(new IntrinsicInvocation(call, arguments, random));
    }
}
