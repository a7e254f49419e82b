using System.Diagnostics;
using Gdpr.Workflows.LambdaRuntime;
using Gdpr.Workflows.TestSupport.LambdaRuntime;

namespace Gdpr.Workflows.Benchmarks.ColdStart;

/// <summary>
/// One cold start: a fresh fake Runtime API with the event already queued, a new process, and the time from just
/// before the process starts to the fake receiving its first response. The process is then killed.
/// </summary>
internal static class ColdStartRunner
{
    private static readonly TimeSpan FirstResponseWait = TimeSpan.FromSeconds(30);

    /// <returns>Milliseconds from process start to the first response posted.</returns>
    public static async Task<double> MeasureAsync(FunctionProject function, FunctionLaunch launch)
    {
        await using var api = FakeLambdaRuntimeApi.Start();
        var requestId = Guid.NewGuid().ToString();
        api.Enqueue(new FakeInvocation(requestId, function.SampleEvent, TimeProvider.System.GetUtcNow().AddMinutes(1)));
        var start = new ProcessStartInfo(launch.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { [LambdaBootstrap.RuntimeApiVariable] = api.RuntimeApi },
        };
        foreach (var argument in launch.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(start) ?? throw new BenchmarkSetupException($"cannot start {launch.FileName}");
        var stderr = process.StandardError.ReadToEndAsync();
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
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

            return Stopwatch.GetElapsedTime(started, answer.ReceivedTimestamp).TotalMilliseconds;
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
}
