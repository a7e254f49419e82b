using System.Globalization;
using System.Text.RegularExpressions;

namespace Gdpr.Workflows.Erasure.Contracts;

/// <summary>
/// The names of a request's executions: the first run is named after the request id; a request reopened by an officer
/// runs again as <c>{requestId}--run-{n}</c> (a Standard execution name is never reused). Whatever knows only an
/// execution's name (the ExecutionEnded rule) finds the request with <see cref="RequestIdOf"/>.
/// </summary>
public static partial class ExecutionNames
{
    private const string RunSeparator = "--run-";

    /// <summary>The name of run <paramref name="run"/> (1 for the first) of the request.</summary>
    public static string Of(string requestId, int run)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        ArgumentOutOfRangeException.ThrowIfLessThan(run, 1);
        return run == 1 ? requestId : requestId + RunSeparator + run.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The request an execution named <paramref name="executionName"/> runs.</summary>
    public static string RequestIdOf(string executionName)
    {
        ArgumentNullException.ThrowIfNull(executionName);
        var match = RunSuffix().Match(executionName);
        return match.Success ? executionName[..match.Index] : executionName;
    }

    [GeneratedRegex(@"--run-[1-9][0-9]{0,5}$", RegexOptions.CultureInvariant)]
    private static partial Regex RunSuffix();
}
