using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data;
using Gdpr.Workflows.Engine.Language;

namespace Gdpr.Workflows.Engine.Choice;

/// <summary>
/// One element of a Choice state's <c>Choices</c> array (JSONPath query language): a condition and the
/// state to go to when it is true, plus an optional <c>Assign</c> block applied when this rule is taken.
/// </summary>
public sealed class ChoiceRule
{
    private readonly JsonObject? assign;

    internal ChoiceRule(ChoiceExpression condition, string next, JsonObject? assign)
    {
        Condition = condition;
        Next = next;
        this.assign = assign;
    }

    /// <summary>The rule's condition: a data-test or an And/Or/Not tree of them.</summary>
    public ChoiceExpression Condition { get; }

    /// <summary>The state to transition to when <see cref="Condition"/> is true.</summary>
    public string Next { get; }

    /// <summary>A copy of the rule's <c>Assign</c> block, or null when it has none.</summary>
    public JsonObject? Assign => assign?.DeepClone().AsObject();

    /// <summary>
    /// Parses and validates a top-level Choice rule the way CreateStateMachine does.
    /// Throws <see cref="AslDefinitionException"/> naming the state and the rule, e.g.
    /// "State 'Route': Choices[2] has no comparison operator".
    /// </summary>
    /// <param name="rule">The rule object.</param>
    /// <param name="stateName">The Choice state's name, for error messages.</param>
    /// <param name="index">The rule's position in <c>Choices</c>, for error messages.</param>
    public static ChoiceRule Parse(JsonObject rule, string stateName, int index = 0) =>
        new ChoiceRuleParser(stateName).ParseRule(rule, $"Choices[{index}]");

    /// <inheritdoc cref="ChoiceExpression.Evaluate"/>
    public bool Evaluate(PathContext context, PathReader read) => Condition.Evaluate(context, read);
}
