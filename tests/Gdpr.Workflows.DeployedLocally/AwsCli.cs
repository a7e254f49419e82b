using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.DeployedLocally;

/// <summary>
/// The AWS CLI (Debian's v2 at /usr/bin/aws when installed, else the <c>aws</c> on PATH) run with
/// <c>--endpoint-url</c> and the test CA as its bundle: the client a system or an operator would use, not ours.
/// </summary>
internal sealed class AwsCli(string caBundle, IReadOnlyDictionary<string, string> credentials)
{
    public static string Program => File.Exists("/usr/bin/aws") ? "/usr/bin/aws" : "aws";

    /// <summary>Runs <c>aws &lt;arguments&gt; --endpoint-url &lt;endpoint&gt; --output json</c>; its JSON answer, or null when it printed nothing.</summary>
    public async Task<JsonNode?> RunAsync(Uri endpoint, params string[] arguments)
    {
        var start = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--endpoint-url");
        start.ArgumentList.Add(endpoint.GetLeftPart(UriPartial.Authority));
        start.ArgumentList.Add("--output");
        start.ArgumentList.Add("json");
        start.Environment["AWS_CA_BUNDLE"] = caBundle;
        start.Environment["AWS_PAGER"] = string.Empty;
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        foreach (var (name, value) in credentials)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new DeployedLocallyException("cannot start the AWS CLI");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new DeployedLocallyException($"aws {string.Join(' ', arguments.Take(2))} failed (exit {process.ExitCode}): {(await stderr).Trim()}");
        }

        var text = (await stdout).Trim();
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }
}
