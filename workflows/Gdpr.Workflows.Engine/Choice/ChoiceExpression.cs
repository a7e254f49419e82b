using Gdpr.Workflows.Engine.Data;

namespace Gdpr.Workflows.Engine.Choice;

/// <summary>
/// The condition of a Choice rule: a data-test (<see cref="DataTestExpression"/>) or a Boolean
/// combination of nested conditions (<see cref="AndExpression"/>, <see cref="OrExpression"/>, <see cref="NotExpression"/>).
/// Immutable once parsed.
/// </summary>
public abstract class ChoiceExpression
{
    private protected ChoiceExpression()
    {
    }

    /// <summary>
    /// Evaluates the condition. Throws <see cref="AslRuntimeException"/> (States.Runtime) when a path it
    /// must read matches nothing, except under IsPresent.
    /// </summary>
    public abstract bool Evaluate(PathContext context, PathReader read);
}

/// <summary>True when every nested condition is true; stops at the first false one, as AWS does.</summary>
public sealed class AndExpression : ChoiceExpression
{
    internal AndExpression(IReadOnlyList<ChoiceExpression> operands) => Operands = operands;

    public IReadOnlyList<ChoiceExpression> Operands { get; }

    public override bool Evaluate(PathContext context, PathReader read)
    {
        foreach (var operand in Operands)
        {
            if (!operand.Evaluate(context, read))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>True when any nested condition is true; stops at the first true one.</summary>
public sealed class OrExpression : ChoiceExpression
{
    internal OrExpression(IReadOnlyList<ChoiceExpression> operands) => Operands = operands;

    public IReadOnlyList<ChoiceExpression> Operands { get; }

    public override bool Evaluate(PathContext context, PathReader read)
    {
        foreach (var operand in Operands)
        {
            if (operand.Evaluate(context, read))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The negation of one nested condition. A missing path still fails the state; Not does not turn it into true.</summary>
public sealed class NotExpression : ChoiceExpression
{
    internal NotExpression(ChoiceExpression operand) => Operand = operand;

    public ChoiceExpression Operand { get; }

    public override bool Evaluate(PathContext context, PathReader read) => !Operand.Evaluate(context, read);
}
