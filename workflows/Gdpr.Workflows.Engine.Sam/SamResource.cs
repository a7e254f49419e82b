using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Sam;

/// <summary>
/// One entry of the template's Resources, as written (intrinsic functions in their long form, e.g. <c>{"Ref": "X"}</c>;
/// resolve them with <see cref="SamTemplate.Resolve"/>). Treat the JSON as read-only: it is shared.
/// </summary>
public sealed class SamResource
{
    public required string LogicalId { get; init; }

    /// <summary>e.g. <c>AWS::Serverless::Function</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The Properties map without Globals merged; empty when absent.</summary>
    public required JsonObject Properties { get; init; }

    public JsonObject? Metadata { get; init; }

    /// <summary>The name of the Condition that decides whether the resource exists, if any.</summary>
    public string? Condition { get; init; }

    /// <summary>False when <see cref="Condition"/> evaluates to false: the stack would not create the resource.</summary>
    public bool IsCreated { get; internal set; } = true;

    /// <summary>1-based line of the resource in the template.</summary>
    public int? Line { get; init; }
}
