using Gdpr.Workflows.Engine.Data;

namespace Gdpr.Workflows.Engine.Choice;

/// <summary>
/// The runtime failures of a Choice state, with AWS's cause text. AWS prefixes every state's runtime
/// cause with "An error occurred while executing the state 'X' (entered at the event id #N). ";
/// only the interpreter knows the event id, so it adds that prefix.
/// </summary>
internal static class ChoiceErrors
{
    /// <summary>
    /// No rule matched and there is no Default: States.NoChoiceMatched, the name AWS documents for this case
    /// (some emulators report States.Runtime; a Choice state has no Catch, so only the execution's error differs).
    /// </summary>
    public const string NoNextStateCause = "Failed to transition out of the state. The state does not point to a next state.";

    /// <summary>The Variable, or the path of a …Path operand, matched nothing.</summary>
    public static AslRuntimeException InvalidPath(string path) =>
        new(ErrorNames.Runtime, $"Invalid path '{path}': The choice state's condition path references an invalid value.");

    /// <summary>
    /// The path of an ordering …Path operator (LessThan/GreaterThan/…Equals) holds a value of another type.
    /// Observed on AWS for StringGreaterThanPath reading a number; Equals…Path operators compare false instead.
    /// </summary>
    public static AslRuntimeException InvalidValueAtPath(string path) =>
        new(ErrorNames.Runtime, $"Invalid value provided at path '{path}'");

    public static AslRuntimeException NoNextState() => new(ErrorNames.NoChoiceMatched, NoNextStateCause);
}
