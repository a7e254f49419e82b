using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Data.Intrinsics;

/// <summary>An intrinsic function: its arity and implementation.</summary>
internal sealed record IntrinsicFunction(string Name, int MinArguments, int MaxArguments, Func<IntrinsicInvocation, JsonNode?> Invoke)
{
    public string ArityText => MinArguments == MaxArguments
        ? $"{MinArguments} argument{(MinArguments == 1 ? string.Empty : "s")}"
        : MaxArguments == int.MaxValue ? $"at least {MinArguments} argument{(MinArguments == 1 ? string.Empty : "s")}"
        : $"{MinArguments} to {MaxArguments} arguments";
}

/// <summary>Every intrinsic function of the Amazon States Language (JSONPath).</summary>
internal static class IntrinsicLibrary
{
    private static readonly Dictionary<string, IntrinsicFunction> Functions = new IntrinsicFunction[]
    {
        new("States.Format", 1, int.MaxValue, StringFunctions.Format),
        new("States.StringToJson", 1, 1, JsonFunctions.StringToJson),
        new("States.JsonToString", 1, 1, JsonFunctions.JsonToString),
        new("States.JsonMerge", 3, 3, JsonFunctions.JsonMerge),
        new("States.Array", 0, int.MaxValue, ArrayFunctions.Array),
        new("States.ArrayPartition", 2, 2, ArrayFunctions.ArrayPartition),
        new("States.ArrayContains", 2, 2, ArrayFunctions.ArrayContains),
        new("States.ArrayRange", 3, 3, ArrayFunctions.ArrayRange),
        new("States.ArrayGetItem", 2, 2, ArrayFunctions.ArrayGetItem),
        new("States.ArrayLength", 1, 1, ArrayFunctions.ArrayLength),
        new("States.ArrayUnique", 1, 1, ArrayFunctions.ArrayUnique),
        new("States.Base64Encode", 1, 1, EncodingFunctions.Base64Encode),
        new("States.Base64Decode", 1, 1, EncodingFunctions.Base64Decode),
        new("States.Hash", 2, 2, EncodingFunctions.Hash),
        new("States.MathRandom", 2, 3, MathFunctions.MathRandom),
        new("States.MathAdd", 2, 2, MathFunctions.MathAdd),
        new("States.StringSplit", 2, 2, StringFunctions.StringSplit),
        new("States.UUID", 0, 0, StringFunctions.Uuid),
    }.ToDictionary(function => function.Name, StringComparer.Ordinal);

    public static bool TryGet(string name, [NotNullWhen(true)] out IntrinsicFunction? function) =>
        Functions.TryGetValue(name, out function);
}
