using System.Diagnostics;

namespace Gdpr.Workflows.Engine.Api.Tests.Support;

/// <summary>
/// The real <c>gdpr engine serve --port 0</c> (the gdpr.dll built beside the tests) on a temporary data directory;
/// <see cref="Url"/> is read from its first line, <c>Step Functions API: http://127.0.0.1:P</c>. Killed and deleted on dispose.
/// </summary>
public sealed class EngineServeProcess : IAsyncLifetime
{
    private const string Banner = "Step Functions API: ";
    private readonly string home = Path.Combine(Path.GetTempPath(), "gdpr-engine-serve-" + Guid.NewGuid().ToString("N"));
    private Process? process;

    public string Url { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "gdpr.dll"), "engine", "serve", "--port", "0", "--home", home })
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("gdpr engine serve did not start");
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var line = await process.StandardOutput.ReadLineAsync(limit.Token);
        if (line is null || !line.StartsWith(Banner, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"gdpr engine serve printed '{line}' first: {await process.StandardError.ReadToEndAsync(limit.Token)}");
        }

        Url = line[Banner.Length..];
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
