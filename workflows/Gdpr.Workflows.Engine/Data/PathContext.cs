using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Data;

/// <summary>
/// What a JSONPath or intrinsic function can read: the state's effective input (<c>$</c>), the
/// context object (<c>$$</c>) and the workflow variables in scope (<c>$name</c>).
/// </summary>
public sealed class PathContext(JsonNode? input, JsonNode? contextObject, Func<string, (bool Found, JsonNode? Value)>? variables = null)
{
    public JsonNode? Input { get; } = input;

    public JsonNode? ContextObject { get; } = contextObject;

    /// <summary>Looks up a variable by name (without the <c>$</c>); Found is false when it is not in scope.</summary>
    public (bool Found, JsonNode? Value) GetVariable(string name) => variables?.Invoke(name) ?? (false, null);
}
