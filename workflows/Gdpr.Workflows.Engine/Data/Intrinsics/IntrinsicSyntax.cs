using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Data.Intrinsics;

/// <summary>A parsed intrinsic function call such as <c>States.Format('{}', $.name)</c>.</summary>
internal sealed class IntrinsicCall(string name, IReadOnlyList<IntrinsicArgument> arguments, string source)
{
    public string Name { get; } = name;

    public IReadOnlyList<IntrinsicArgument> Arguments { get; } = arguments;

    /// <summary>The call as written, for messages.</summary>
    public string Source { get; } = source;
}

internal abstract class IntrinsicArgument;

/// <summary>A literal: string, number, boolean or null.</summary>
internal sealed class LiteralArgument(JsonNode? value, string? escapedText) : IntrinsicArgument
{
    /// <summary>The value, with string escapes resolved.</summary>
    public JsonNode? Value { get; } = value;

    /// <summary>For a string literal, its text between the quotes with escapes left in (States.Format needs <c>\{</c>).</summary>
    public string? EscapedText { get; } = escapedText;
}

/// <summary>A path argument: <c>$.x</c>, <c>$$.Execution.Id</c> or <c>$var</c>.</summary>
internal sealed class PathArgument(string path) : IntrinsicArgument
{
    public string Path { get; } = path;
}

/// <summary>A nested call.</summary>
internal sealed class CallArgument(IntrinsicCall call) : IntrinsicArgument
{
    public IntrinsicCall Call { get; } = call;
}

/// <summary>An intrinsic function expression that cannot be parsed; the message says why.</summary>
internal sealed class IntrinsicSyntaxException(string message) : Exception(message);
