using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Api.Tests.Support;

/// <summary>
/// The real <c>gdpr serve --json --port 0</c> (gdpr.dll beside the tests) on a temporary data directory, run from the
/// repository (its template.yaml and samples); <see cref="Url"/> and <see cref="CredentialsFile"/> (the Step Functions
/// API's key) are read from its first line. Killed and deleted on dispose.
/// </summary>
public sealed class GdprServeProcess : IAsyncLifetime
{
    private readonly string home = Path.Combine(Path.GetTempPath(), "gdpr-serve-sfn-" + Guid.NewGuid().ToString("N"));
    private Process? process;

    public string Url { get; private set; } = string.Empty;

    public string CredentialsFile { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var repository = new DirectoryInfo(AppContext.BaseDirectory);
        while (repository is not null && !File.Exists(Path.Combine(repository.FullName, "Gdpr.Workflows.sln")))
        {
            repository = repository.Parent;
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = repository?.FullName ?? throw new InvalidOperationException("Gdpr.Workflows.sln not found above the tests"),
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "gdpr.dll"), "serve", "--json", "--port", "0" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GDPR_HOME"] = home;
        process = Process.Start(start) ?? throw new InvalidOperationException("gdpr serve did not start");
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var line = await process.StandardOutput.ReadLineAsync(limit.Token);
        var info = line is null ? null : JsonNode.Parse(line) as JsonObject;
        if (info?["url"] is null || info["stepFunctionsCredentials"] is null)
        {
            throw new InvalidOperationException($"gdpr serve printed '{line}' first: {await process.StandardError.ReadToEndAsync(limit.Token)}");
        }

        Url = new Uri(info["url"]!.GetValue<string>()).GetLeftPart(UriPartial.Authority);
        CredentialsFile = info["stepFunctionsCredentials"]!.GetValue<string>();
    }

    public async Task DisposeAsync()
    {
        if (process is not null)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }

        if (Directory.Exists(home))
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
