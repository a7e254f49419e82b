using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Execution;

namespace Gdpr.Workflows.Engine.Sam;

/// <summary>
/// An <c>AWS::Serverless::StateMachine</c> ready for <c>CreateStateMachine</c>: its definition as JSON text with
/// DefinitionSubstitutions applied.
/// </summary>
public sealed class SamStateMachine
{
    public required string LogicalId { get; init; }

    /// <summary>Name when set, else <c>{StackName}-{LogicalId}</c>.</summary>
    public required string Name { get; init; }

    /// <summary><c>arn:{partition}:states:{region}:{account}:stateMachine:{Name}</c>; what <c>!Ref</c> returns.</summary>
    public required string Arn { get; init; }

    public required StateMachineType Type { get; init; }

    /// <summary>The ASL definition (JSON) after substitution. A JSON DefinitionUri file keeps its own formatting.</summary>
    public required string DefinitionJson { get; init; }

    /// <summary>The absolute path of the DefinitionUri file; null for an inline Definition.</summary>
    public string? DefinitionPath { get; init; }

    /// <summary>DefinitionSubstitutions resolved to the text that replaced each <c>${Name}</c>.</summary>
    public required IReadOnlyDictionary<string, string> DefinitionSubstitutions { get; init; }

    /// <summary>Things a deploy tolerates but are likely mistakes, e.g. a substitution the definition never uses.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>The Properties with Globals merged, unresolved.</summary>
    public required JsonObject Properties { get; init; }

    /// <summary>Events as written, unresolved.</summary>
    public JsonNode? Events { get; init; }

    /// <summary>Policies as written, unresolved.</summary>
    public JsonNode? Policies { get; init; }
}
