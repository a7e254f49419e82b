using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Language;

/// <summary>
/// A parsed and validated ASL document (a state machine, a Parallel branch or a Map item processor).
/// Parsing refuses what AWS refuses at CreateStateMachine, with AWS's error codes and a location
/// naming the state, e.g. "MISSING_TRANSITION_TARGET: Missing 'Next' target: Shipx at /States/Charge/Next".
/// </summary>
public sealed class StateMachineDefinition
{
    private StateMachineDefinition(string startAt, IReadOnlyDictionary<string, StateDefinition> states, int? timeoutSeconds, string? comment)
    {
        StartAt = startAt;
        States = states;
        TimeoutSeconds = timeoutSeconds;
        Comment = comment;
    }

    public string StartAt { get; }

    public IReadOnlyDictionary<string, StateDefinition> States { get; }

    public int? TimeoutSeconds { get; }

    public string? Comment { get; }

    public StateDefinition this[string stateName] => States[stateName];

    /// <summary>Parses and validates a definition; throws <see cref="AslDefinitionException"/> for one AWS would refuse.</summary>
    public static StateMachineDefinition Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException ex)
        {
            throw new AslDefinitionException($"INVALID_JSON_DESCRIPTION: {ex.Message}");
        }

        if (root is not JsonObject obj)
        {
            throw new AslDefinitionException("SCHEMA_VALIDATION_FAILED: The definition must be a JSON object at /");
        }

        return new DefinitionParser().ParseMachine(obj, string.Empty, isRoot: true);
    }

    /// <summary>Parses an already-loaded JSON object (used for branches and item processors).</summary>
    internal static StateMachineDefinition Create(string startAt, IReadOnlyDictionary<string, StateDefinition> states, int? timeoutSeconds, string? comment) =>
        new(startAt, states, timeoutSeconds, comment);
}
