using System.Text.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data;
using Gdpr.Workflows.Engine.Execution;

namespace Gdpr.Workflows.Engine.Language;

/// <summary>
/// A field ASL lets a definition give either as a value or as a path into the state's input (MaxConcurrency or
/// MaxConcurrencyPath, TimeoutSeconds or TimeoutSecondsPath, Error or ErrorPath...). Parsed once when the definition
/// is loaded; <see cref="Evaluate"/> returns the value, or reads and checks the path's value for this state's input.
/// </summary>
public sealed class ValueOrPath<T>
{
    private readonly T value;
    private readonly Func<JsonNode?, (bool Valid, T Value)>? read;
    private readonly Func<string, string>? invalid;
    private readonly bool intrinsic;

    private ValueOrPath(T value, string? path, Func<JsonNode?, (bool, T)>? read, Func<string, string>? invalid, bool intrinsic)
    {
        this.value = value;
        Path = path;
        this.read = read;
        this.invalid = invalid;
        this.intrinsic = intrinsic;
    }

    /// <summary>The path (or intrinsic function) to read, or null for a value given in the definition.</summary>
    public string? Path { get; }

    internal static ValueOrPath<T> Of(T value) => new(value, null, null, null, intrinsic: false);

    /// <param name="read">Converts the selected JSON, or says it is not a valid value.</param>
    /// <param name="invalid">The runtime error's cause, given the selected value as JSON text.</param>
    /// <param name="allowIntrinsic">Whether an intrinsic function (<c>States.Format(...)</c>) may stand for the path.</param>
    internal static ValueOrPath<T> At(string path, Func<JsonNode?, (bool Valid, T Value)> read, Func<string, string> invalid, bool allowIntrinsic = false) =>
        new(default!, path, read, invalid, allowIntrinsic && path.StartsWith("States.", StringComparison.Ordinal));

    /// <summary>The value, or the value at the path for this input; a value of the wrong kind is a States.Runtime error.</summary>
    public T Evaluate(PathContext paths)
    {
        if (Path is null)
        {
            return value;
        }

        var selected = intrinsic ? IntrinsicFunctions.Evaluate(Path, paths) : JsonPaths.Select(Path, paths);
        var (valid, result) = read!(selected);
        return valid ? result : throw new AslRuntimeException(ErrorNames.Runtime, invalid!(Json.Text(selected)));
    }
}

/// <summary>The value-or-path fields of ASL, each with the check and the error message AWS gives for it.</summary>
internal static class ValueOrPaths
{
    /// <summary>TimeoutSeconds/HeartbeatSeconds of a Task: a positive integer.</summary>
    public static ValueOrPath<int>? PositiveSeconds(int? value, string? path, string pathField) =>
        value is { } given ? ValueOrPath<int>.Of(given)
        : path is null ? null
        : ValueOrPath<int>.At(path, node => Int(node) is { } s && s > 0 ? (true, s) : (false, 0), text => $"The {pathField} parameter must be a positive integer: {path} == {text}");

    /// <summary>MaxConcurrency/ToleratedFailureCount of a Map: a non-negative integer.</summary>
    public static ValueOrPath<int>? NonNegativeInt(int? value, string? path, string pathField) =>
        value is { } given ? ValueOrPath<int>.Of(given)
        : path is null ? null
        : ValueOrPath<int>.At(path, node => Int(node) is { } i && i >= 0 ? (true, i) : (false, 0), text => $"The {pathField} field must resolve to a non-negative integer: {path} == {text}");

    /// <summary>ToleratedFailurePercentage: any number in the definition, a non-negative integer at a path.</summary>
    public static ValueOrPath<double>? Percentage(double? value, string? path, string pathField) =>
        value is { } given ? ValueOrPath<double>.Of(given)
        : path is null ? null
        : ValueOrPath<double>.At(path, node => Int(node) is { } i && i >= 0 ? (true, i) : (false, 0), text => $"The {pathField} field must resolve to a non-negative integer: {path} == {text}");

    /// <summary>Seconds/SecondsPath of a Wait: a non-negative whole number of seconds.</summary>
    public static ValueOrPath<long>? WaitSeconds(long? value, string? path) =>
        value is { } given ? ValueOrPath<long>.Of(given)
        : path is null ? null
        : ValueOrPath<long>.At(path, node => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out long s) && s >= 0 ? (true, s) : (false, 0), text => $"The SecondsPath parameter cannot be parsed as a long value: {path} == {text}");

    /// <summary>Timestamp/TimestampPath of a Wait: an RFC 3339 date-time.</summary>
    public static ValueOrPath<DateTimeOffset>? WaitTimestamp(DateTimeOffset? value, string? path) =>
        value is { } given ? ValueOrPath<DateTimeOffset>.Of(given)
        : path is null ? null
        : ValueOrPath<DateTimeOffset>.At(
            path,
            node => node is JsonValue v && v.TryGetValue(out string? text) && Timestamps.TryParseRfc3339(text, out var ts) ? (true, ts) : (false, default),
            text => $"The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {path} == {text}");

    /// <summary>Error/ErrorPath and Cause/CausePath of a Fail: a string, at a path or from an intrinsic function.</summary>
    public static ValueOrPath<string>? String(string? value, string? pathOrIntrinsic, string pathField) =>
        value is not null ? ValueOrPath<string>.Of(value)
        : pathOrIntrinsic is null ? null
        : ValueOrPath<string>.At(
            pathOrIntrinsic,
            node => node is JsonValue v && v.TryGetValue(out string? s) ? (true, s) : (false, string.Empty),
            text => $"The {pathField} value '{pathOrIntrinsic}' did not resolve to a string: {text}",
            allowIntrinsic: true);

    private static int? Int(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out int i) ? i : null;
}
