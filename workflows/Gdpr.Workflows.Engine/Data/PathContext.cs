using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Data;

/// <summary>
/// What a JSONPath or intrinsic function can read: the state's effective input (<c>$</c>), the
/// context object (<c>$$</c>) and the workflow variables in scope (<c>$name</c>). <see cref="Random"/>
/// feeds States.MathRandom (without a seed argument) and States.UUID; null means Random.Shared.
/// </summary>
/// <remarks>
/// One is made per state and per input change (ResultSelector, Assign, OutputPath), so it holds its parts by
/// reference (a shared <see cref="ContextObjectSource"/>, an <see cref="IPathVariables"/>) rather than closures.
/// </remarks>
public sealed class PathContext
{
    private readonly ContextObjectSource contextObject;
    private readonly IPathVariables? variables;

    public PathContext(JsonNode? input, JsonNode? contextObject, Func<string, (bool Found, JsonNode? Value)>? variables = null, Random? random = null)
        : this(input, new FixedContextObject(contextObject), variables is null ? null : new DelegateVariables(variables), random)
    {
    }

    private PathContext(JsonNode? input, ContextObjectSource contextObject, IPathVariables? variables, Random? random)
    {
        Input = input;
        this.contextObject = contextObject;
        this.variables = variables;
        Random = random;
    }

    /// <summary>A context whose context object is built by <paramref name="contextObject"/> only if a path reads <c>$$</c>.</summary>
    public static PathContext WithLazyContextObject(JsonNode? input, ContextObjectSource contextObject, IPathVariables? variables = null, Random? random = null) =>
        new(input, contextObject, variables, random);

    public JsonNode? Input { get; }

    /// <summary>The context object, built on first use: most paths never read <c>$$</c>.</summary>
    public JsonNode? ContextObject => contextObject.Value;

    /// <summary>The same context with another input (<c>$</c>): ResultSelector, Assign and OutputPath see other data.</summary>
    public PathContext WithInput(JsonNode? newInput) => new(newInput, contextObject, variables, Random);

    /// <summary>The randomness source for States.MathRandom and States.UUID; null for Random.Shared.</summary>
    public Random? Random { get; }

    /// <summary>Looks up a variable by name (without the <c>$</c>); Found is false when it is not in scope.</summary>
    public (bool Found, JsonNode? Value) GetVariable(string name) => variables?.GetVariable(name) ?? (false, null);

    private sealed class FixedContextObject(JsonNode? value) : ContextObjectSource
    {
        protected override JsonNode? Build() => value;
    }

    private sealed class DelegateVariables(Func<string, (bool Found, JsonNode? Value)> lookup) : IPathVariables
    {
        public (bool Found, JsonNode? Value) GetVariable(string name) => lookup(name);
    }
}

/// <summary>Builds the context object (<c>$$</c>) once, on first read, for every <see cref="PathContext"/> of one state.</summary>
public abstract class ContextObjectSource
{
    private JsonNode? value;
    private bool built;

    public JsonNode? Value
    {
        get
        {
            if (!built)
            {
                value = Build();
                built = true;
            }

            return value;
        }
    }

    protected abstract JsonNode? Build();
}

/// <summary>The workflow variables a path can read (<c>$name</c>).</summary>
public interface IPathVariables
{
    /// <summary>Found is false when no scope defines <paramref name="name"/>.</summary>
    (bool Found, JsonNode? Value) GetVariable(string name);
}
