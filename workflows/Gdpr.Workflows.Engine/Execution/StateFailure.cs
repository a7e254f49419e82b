using Gdpr.Workflows.Engine.Data;

namespace Gdpr.Workflows.Engine.Execution;

/// <summary>
/// A state's failure as Retry and Catch see it. States.Runtime is terminal: States.ALL and States.TaskFailed
/// do not match it (AWS: "A retry or catch on States.ALL won't catch States.Runtime errors").
/// </summary>
internal sealed class StateFailure(string? error, string? cause) : Exception(cause ?? error ?? "(no error name)")
{
    /// <summary>Null when a Fail state named no error; AWS then reports the failure with no error name.</summary>
    public string? Error { get; } = error;

    public string? Cause { get; } = cause;

    public bool Matches(IReadOnlyList<string> errorEquals)
    {
        foreach (var name in errorEquals)
        {
            if (name == Error)
            {
                return true;
            }

            if (name == ErrorNames.All && Error is not ErrorNames.Runtime)
            {
                return true;
            }

            // AWS: States.TaskFailed "matches any known error name except for States.Timeout".
            if (name == ErrorNames.TaskFailed && Error is not (ErrorNames.Timeout or ErrorNames.Runtime or ErrorNames.DataLimitExceeded))
            {
                return true;
            }
        }

        return false;
    }
}
