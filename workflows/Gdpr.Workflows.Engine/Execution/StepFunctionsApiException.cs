namespace Gdpr.Workflows.Engine.Execution;

/// <summary>
/// An API call the engine refuses, with AWS's error code (ExecutionDoesNotExist, ExecutionAlreadyExists,
/// InvalidExecutionInput, TaskDoesNotExist, TaskTimedOut, InvalidOutput, InvalidName, StateMachineDoesNotExist, ...).
/// </summary>
public class StepFunctionsApiException(string code, string message) : Exception($"{code}: {message}")
{
    public string Code { get; } = code;

    /// <summary>True for codes a caller should treat as a conflict (the thing was already done or is no longer possible).</summary>
    public bool IsConflict => Code is "ExecutionAlreadyExists" or "TaskTimedOut" or "ExecutionNotRunning";

    public bool IsNotFound => Code is "ExecutionDoesNotExist" or "StateMachineDoesNotExist" or "TaskDoesNotExist";
}
