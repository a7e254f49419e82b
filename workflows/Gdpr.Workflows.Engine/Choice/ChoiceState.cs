using System.Text.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data;
using Gdpr.Workflows.Engine.Language;

namespace Gdpr.Workflows.Engine.Choice;

/// <summary>
/// The branching part of a Choice state (JSONPath query language): its Choices, in order, and its Default.
/// Input/output processing (InputPath, OutputPath, Assign) is the interpreter's job.
/// </summary>
public sealed class ChoiceState
{
    // JSON field names of the state definition (kept apart from the same-named C# properties).
    private const string ChoicesField = "Choices";
    private const string DefaultField = "Default";

    public ChoiceState(string stateName, IEnumerable<ChoiceRule> choices, string? @default)
    {
        StateName = stateName;
        Choices = choices.ToList().AsReadOnly();
        Default = @default;
        if (Choices.Count == 0)
        {
            throw new AslDefinitionException($"State '{stateName}': Choices must be a non-empty array of Choice rules");
        }
    }

    public string StateName { get; }

    public IReadOnlyList<ChoiceRule> Choices { get; }

    /// <summary>The state to go to when no rule matches, or null.</summary>
    public string? Default { get; }

    /// <summary>
    /// Parses the Choices and Default of a Choice state definition and validates them as CreateStateMachine does
    /// (non-empty Choices, no Next or End on the state itself). Whether the Next/Default targets exist is the
    /// definition validator's job.
    /// </summary>
    public static ChoiceState Parse(JsonObject state, string stateName)
    {
        if (state.ContainsKey("Next") || state.ContainsKey("End"))
        {
            throw new AslDefinitionException(
                $"State '{stateName}': a Choice state must not have Next or End; its rules' Next and Default choose the next state");
        }

        if (state[ChoicesField] is not JsonArray choices || choices.Count == 0)
        {
            throw new AslDefinitionException($"State '{stateName}': Choices must be a non-empty array of Choice rules");
        }

        var rules = new List<ChoiceRule>(choices.Count);
        for (var i = 0; i < choices.Count; i++)
        {
            var rule = choices[i] as JsonObject
                ?? throw new AslDefinitionException($"State '{stateName}': Choices[{i}] is not a Choice rule object");
            rules.Add(ChoiceRule.Parse(rule, stateName, i));
        }

        string? @default = null;
        if (state[DefaultField] is { } defaultNode)
        {
            if (defaultNode.GetValueKind() != JsonValueKind.String || defaultNode.GetValue<string>().Length == 0)
            {
                throw new AslDefinitionException($"State '{stateName}': Default must be a non-empty state name");
            }

            @default = defaultNode.GetValue<string>();
        }

        return new ChoiceState(stateName, rules, @default);
    }

    /// <summary>
    /// The first rule, in order, whose condition is true; else the Default. Throws
    /// <see cref="AslRuntimeException"/> (States.Runtime) when a rule reads a path that matches nothing,
    /// or when nothing matches and there is no Default (AWS's cause: "Failed to transition out of the state.
    /// The state does not point to a next state.").
    /// </summary>
    public ChoiceSelection Select(PathContext context, PathReader read)
    {
        foreach (var rule in Choices)
        {
            if (rule.Evaluate(context, read))
            {
                return new ChoiceSelection(rule.Next, rule);
            }
        }

        return Default is not null ? new ChoiceSelection(Default, null) : throw ChoiceErrors.NoNextState();
    }

    /// <summary>The name of the next state; see <see cref="Select"/>.</summary>
    public string SelectNext(PathContext context, PathReader read) => Select(context, read).Next;
}

/// <summary>The outcome of a Choice state: the next state and the rule taken (null when it is the Default).</summary>
public sealed record ChoiceSelection(string Next, ChoiceRule? MatchedRule)
{
    public bool IsDefault => MatchedRule is null;
}
