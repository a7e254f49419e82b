using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Data;

/// <summary>
/// What a JSONPath or intrinsic function can read: the state's effective input (<c>$</c>), the
/// context object (<c>$$</c>) and the workflow variables in scope (<c>$name</c>). <see cref="Random"/>
/// feeds States.MathRandom (without a seed argument) and States.UUID; null means Random.Shared.
/// </summary>
public sealed class PathContext(
    JsonNode? input,
    JsonNode? contextObject,
    Func<string, (bool Found, JsonNode? Value)>? variables = null,
    Random? random = null)
{
    public JsonNode? Input { get; } = input;

    public JsonNode? ContextObject { get; } = contextObject;

    /// <summary>The randomness source for States.MathRandom and States.UUID; null for Random.Shared.</summary>
    public Random? Random { get; } = random;

    /// <summary>Looks up a variable by name (without the <c>$</c>); Found is false when it is not in scope.</summary>
    public (bool Found, JsonNode? Value) GetVariable(string name) => variables?.Invoke(name) ?? (false, null);
}
