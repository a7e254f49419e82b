using System.Diagnostics;
using Gdpr.Workflows.LambdaRuntime;
using Gdpr.Workflows.TestSupport.LambdaRuntime;

namespace Gdpr.Workflows.Benchmarks.ColdStart;

/// <summary>
/// One cold start: a fresh fake Runtime API with the event already queued, a new process with the functions'
/// environment (<see cref="ColdStartEnvironment"/>), and the time from just before the process starts to the fake
/// receiving its first response, and from process start to its first <c>invocation/next</c> (init). The process is
/// then killed.
/// </summary>
internal static class ColdStartRunner
{
    private static readonly TimeSpan FirstResponseWait = TimeSpan.FromSeconds(30);

    /// <param name="awsEndpoint">Where the function's AWS calls go (AWS_ENDPOINT_URL): moto_server, a recording proxy or a replay.</param>
    public static async Task<ColdStartSample> MeasureAsync(
        FunctionProject function, FunctionLaunch launch, byte[] sampleEvent, IReadOnlyDictionary<string, string> environment, Uri awsEndpoint)
    {
        environment = new Dictionary<string, string>(environment, StringComparer.Ordinal) { [ColdStartEnvironment.EndpointVariable] = awsEndpoint.ToString() };
        await using var api = FakeLambdaRuntimeApi.Start();
        var requestId = Guid.NewGuid().ToString();
        api.Enqueue(new FakeInvocation(requestId, sampleEvent, TimeProvider.System.GetUtcNow().AddMinutes(1)));
        var started = Stopwatch.GetTimestamp();
        using var process = Launch(launch, api.RuntimeApi, environment);
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            var report = api.WaitForReportAsync(requestId, FirstResponseWait);
            if (await Task.WhenAny(report, process.WaitForExitAsync()) != report)
            {
                throw new BenchmarkSetupException(
                    $"{function.Name} ({launch.Variant}) exited with code {process.ExitCode} before answering: {await stderr}");
            }

            var answer = await report;
            if (answer.Kind != FakeReportKind.Response)
            {
                throw new BenchmarkSetupException($"{function.Name} ({launch.Variant}) reported {answer.Kind} {answer.ErrorTypeHeader}: {answer.BodyText}");
            }

            return new ColdStartSample(
                Stopwatch.GetElapsedTime(started, answer.ReceivedTimestamp).TotalMilliseconds,
                Stopwatch.GetElapsedTime(started, api.FirstNextTimestamp ?? answer.ReceivedTimestamp).TotalMilliseconds,
                answer.BodyText);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }
    }

    /// <summary>
    /// Starts the function against <paramref name="runtimeApi"/> with exactly <paramref name="environment"/>'s AWS settings:
    /// inherited AWS_* variables (a developer's profile or endpoint) are dropped. Standard output is drained; standard
    /// error is left for the caller to read.
    /// </summary>
    public static Process Launch(FunctionLaunch launch, string runtimeApi, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(launch.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment[LambdaBootstrap.RuntimeApiVariable] = runtimeApi;
        foreach (var argument in launch.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new BenchmarkSetupException($"cannot start {launch.FileName}");
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }
}

/// <param name="Milliseconds">Process start to the first response posted.</param>
/// <param name="InitMilliseconds">Process start to the first <c>invocation/next</c>: the runtime, the function's composition.</param>
/// <param name="Answer">The response the function posted.</param>
internal sealed record ColdStartSample(double Milliseconds, double InitMilliseconds, string Answer);
