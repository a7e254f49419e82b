using System.Text.Json.Nodes;
using Amazon.Runtime;
using Gdpr.Workflows.Cli;
using Gdpr.Workflows.Cli.Infrastructure;

namespace Gdpr.Workflows.Cli.Tests.Support;

/// <summary>What one run of the command tree printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>The last line of stdout as a JSON object (what --json prints).</summary>
    public JsonObject Json => JsonNode.Parse(Out.TrimEnd().Split('\n')[^1])!.AsObject();

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>Runs the gdpr command tree in-process against a fresh data directory (GDPR_HOME), deleted afterwards.</summary>
public sealed class GdprHarness : IDisposable
{
    private readonly HttpClientFactory? awsHttpClients;

    /// <param name="awsHttpClients">How the tool's AWS clients connect (moto_server's one-at-a-time clients); null for the SDK's own.</param>
    public GdprHarness(HttpClientFactory? awsHttpClients = null)
    {
        this.awsHttpClients = awsHttpClients;
        Home = Path.Combine(Path.GetTempPath(), "gdpr-cli-tests-" + Guid.NewGuid().ToString("N")[..12]);
    }

    public string Home { get; }

    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    public async Task<CliRun> RunAsync(params string[] args) => await RunAsync(CancellationToken.None, args);

    public async Task<CliRun> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment
        {
            Out = TextWriter.Synchronized(output),
            Error = TextWriter.Synchronized(error),
            IsTerminal = false,
            AwsHttpClientFactory = awsHttpClients,
            Variables = name => name == "GDPR_HOME" ? Home : Variables.GetValueOrDefault(name),
        };
        var code = await GdprCli.RunAsync(args, environment, cancellationToken);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Never created: the test did not get that far.
        }
    }
}
