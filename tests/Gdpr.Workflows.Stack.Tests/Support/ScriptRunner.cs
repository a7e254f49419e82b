using System.Diagnostics;

namespace Gdpr.Workflows.Stack.Tests.Support;

/// <summary>Runs a repository script with bash and captures what it printed.</summary>
internal static class ScriptRunner
{
    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start bash {script}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not finish within 5 minutes");
        }

        return new Result(process.ExitCode, await stdout + await stderr);
    }
}
