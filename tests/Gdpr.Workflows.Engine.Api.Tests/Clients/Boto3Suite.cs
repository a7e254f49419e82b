using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Api.Tests.Support;

namespace Gdpr.Workflows.Engine.Api.Tests.Clients;

/// <summary>
/// One run of <c>boto3_suite.py</c> against a fresh API host; its checks, by operation. The script needs python3 with
/// boto3 (scripts/install-test-tools.sh installs the pinned version).
/// </summary>
public sealed class Boto3Suite : IAsyncLifetime
{
    private readonly ApiHost host = new();

    public IReadOnlyList<JsonObject> Results { get; private set; } = [];

    public string Log { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        await host.InitializeAsync();
        var report = Path.Combine(Path.GetTempPath(), "boto3-suite-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            var (exit, stdout, stderr) = await ChildProcess.RunAsync(
                "python3",
                [Path.Combine(AppContext.BaseDirectory, "Clients", "boto3_suite.py"), "--endpoint", host.Url.ToString(), "--signed-endpoint", host.SignedUrl.ToString(),
                    "--access-key", ApiHost.AccessKey, "--secret-key", ApiHost.SecretKey, "--report", report],
                timeout: TimeSpan.FromMinutes(4));
            Log = $"exit {exit}\n{stdout}\n{stderr}";
            Results = File.Exists(report)
                ? [.. JsonNode.Parse(await File.ReadAllTextAsync(report))!["results"]!.AsArray().Select(r => r!.AsObject())]
                : [];
        }
        finally
        {
            File.Delete(report);
        }
    }

    public Task DisposeAsync() => host.DisposeAsync();

    public IReadOnlyList<JsonObject> For(string operation) =>
        [.. Results.Where(r => r["operation"]!.GetValue<string>() == operation)];
}
