using System.Diagnostics;

namespace Gdpr.Workflows.Reliability.Hosting;

/// <summary>Runs one <c>gdpr</c> command (the built gdpr.dll) on a data directory, as an operator would.</summary>
internal static class GdprCommand
{
    /// <summary>Returns the exit code and stdout; stderr is folded into the exception when the command cannot run.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string home, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = home };
        info.ArgumentList.Add(ServeHost.GdprDll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["GDPR_HOME"] = home;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var text = await output;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidOperationException($"gdpr {string.Join(' ', arguments)} printed nothing (exit {process.ExitCode}): {await error}");
        }

        return (process.ExitCode, text);
    }
}
