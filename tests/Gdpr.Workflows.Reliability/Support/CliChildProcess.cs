using System.Diagnostics;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Reliability.Support;

/// <summary>What one run of the gdpr tool returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error, bool TimedOut);

/// <summary>Runs the real gdpr tool as a child process (<c>dotnet gdpr.dll ...</c>) on a data directory.</summary>
public static class CliChildProcess
{
    public static async Task<CliResult> RunAsync(string home, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryLocator.Root(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryLocator.GdprDll());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[GdprHome.EnvironmentVariable] = home;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            return new CliResult(-1, await output, await error, TimedOut: true);
        }

        return new CliResult(process.ExitCode, await output, await error, TimedOut: false);
    }
}
