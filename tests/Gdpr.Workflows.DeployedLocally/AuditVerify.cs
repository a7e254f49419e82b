using System.Diagnostics;

namespace Gdpr.Workflows.DeployedLocally;

/// <summary><c>gdpr audit verify --request ID --aws</c> on the run's DynamoDB tables (moto_server, HTTPS): exit 0 means the chain, its anchored head and its links hold.</summary>
internal static class AuditVerify
{
    public static async Task RunAsync(
        RunOptions options, Uri moto, string requestId, IReadOnlyDictionary<string, string> credentials, IReadOnlyDictionary<string, string> trust)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            options.GdprDll, "audit", "verify", "--request", requestId, "--aws", "--endpoint", moto.ToString(),
            "--table-prefix", StackResources.TablePrefix, "--home", Path.Combine(options.WorkDirectory, "cli"),
        })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in credentials.Concat(trust))
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new DeployedLocallyException("cannot start gdpr audit verify");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new DeployedLocallyException($"gdpr audit verify --request {requestId} exited {process.ExitCode}: {await stdout} {await stderr}");
        }
    }
}
