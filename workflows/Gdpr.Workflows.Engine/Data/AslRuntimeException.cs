namespace Gdpr.Workflows.Engine.Data;

/// <summary>
/// An ASL runtime error with an AWS error name (States.Runtime, States.IntrinsicFailure, ...) and
/// the cause text AWS would report. The interpreter turns it into a state failure that Retry/Catch see.
/// </summary>
public class AslRuntimeException(string error, string cause) : Exception(cause)
{
    public string Error { get; } = error;

    public string Cause { get; } = cause;
}
