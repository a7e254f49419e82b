using System.Diagnostics;
using System.Text;

namespace Gdpr.Workflows.DeployedLocally;

/// <summary>
/// <c>gdpr engine serve</c> as its own process: the Step Functions API over HTTPS (the test CA's certificate), SigV4
/// checked against a credentials file, Lambda Task states invoked through the Lambda Invoke API of the
/// <see cref="FrontDoor"/>, sns:publish states sent to moto_server's SNS. Stopped (and killed) on dispose.
/// </summary>
internal sealed class EngineServeProcess : IDisposable
{
    private const string UrlLinePrefix = "Step Functions API: ";
    private readonly Process _process;
    private readonly StringBuilder _log;

    private EngineServeProcess(Process process, StringBuilder log, Uri url)
    {
        _process = process;
        _log = log;
        Url = url;
    }

    public Uri Url { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<EngineServeProcess> StartAsync(RunOptions options, Uri lambdaEndpoint, Uri snsEndpoint, string credentialsFile, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            options.GdprDll, "engine", "serve", "--port", "0", "--home", Path.Combine(options.WorkDirectory, "engine"),
            "--credentials", credentialsFile, "--tls-cert", options.ServerCertificate, "--tls-key", options.ServerKey,
            "--lambda-endpoint", lambdaEndpoint.ToString(), "--sns-endpoint", snsEndpoint.ToString(),
        })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var log = new StringBuilder();
        var url = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = Process.Start(start) ?? throw new DeployedLocallyException("cannot start gdpr engine serve");
        DataReceivedEventHandler record = (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (log)
            {
                log.AppendLine(e.Data);
            }

            if (e.Data.StartsWith(UrlLinePrefix, StringComparison.Ordinal))
            {
                url.TrySetResult(new Uri(e.Data[UrlLinePrefix.Length..].Trim() + "/"));
            }
        };
        process.OutputDataReceived += record;
        process.ErrorDataReceived += record;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return new EngineServeProcess(process, log, await url.Task.WaitAsync(TimeSpan.FromSeconds(90)));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw new DeployedLocallyException($"gdpr engine serve printed no '{UrlLinePrefix}' line within 90 s:{Environment.NewLine}{log}");
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }
}
