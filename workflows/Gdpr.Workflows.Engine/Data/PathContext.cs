using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Data;

/// <summary>
/// What a JSONPath or intrinsic function can read: the state's effective input (<c>$</c>), the
/// context object (<c>$$</c>) and the workflow variables in scope (<c>$name</c>). <see cref="Random"/>
/// feeds States.MathRandom (without a seed argument) and States.UUID; null means Random.Shared.
/// </summary>
public sealed class PathContext
{
    private readonly Func<JsonNode?> contextObject;
    private readonly Func<string, (bool Found, JsonNode? Value)>? variables;
    private JsonNode? contextObjectValue;
    private bool contextObjectBuilt;

    public PathContext(JsonNode? input, JsonNode? contextObject, Func<string, (bool Found, JsonNode? Value)>? variables = null, Random? random = null)
        : this(input, () => contextObject, variables, random)
    {
    }

    private PathContext(JsonNode? input, Func<JsonNode?> contextObject, Func<string, (bool Found, JsonNode? Value)>? variables, Random? random)
    {
        Input = input;
        this.contextObject = contextObject;
        this.variables = variables;
        Random = random;
    }

    /// <summary>A context whose context object is built only if a path reads <c>$$</c>.</summary>
    public static PathContext WithLazyContextObject(JsonNode? input, Func<JsonNode?> contextObject, Func<string, (bool Found, JsonNode? Value)>? variables = null, Random? random = null) =>
        new(input, contextObject, variables, random);

    public JsonNode? Input { get; }

    /// <summary>The context object, built on first use: most paths never read <c>$$</c>.</summary>
    public JsonNode? ContextObject
    {
        get
        {
            if (!contextObjectBuilt)
            {
                contextObjectValue = contextObject();
                contextObjectBuilt = true;
            }

            return contextObjectValue;
        }
    }

    /// <summary>The same context with another input (<c>$</c>): ResultSelector, Assign and OutputPath see other data.</summary>
    public PathContext WithInput(JsonNode? newInput) => new(newInput, () => ContextObject, variables, Random);

    /// <summary>The randomness source for States.MathRandom and States.UUID; null for Random.Shared.</summary>
    public Random? Random { get; }

    /// <summary>Looks up a variable by name (without the <c>$</c>); Found is false when it is not in scope.</summary>
    public (bool Found, JsonNode? Value) GetVariable(string name) => variables?.Invoke(name) ?? (false, null);
}
