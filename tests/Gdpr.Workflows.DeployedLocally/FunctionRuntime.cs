using System.Diagnostics;
using System.Globalization;
using System.Text;
using Gdpr.Workflows.Engine.Sam;
using Gdpr.Workflows.TestSupport.LambdaRuntime;

namespace Gdpr.Workflows.DeployedLocally;

/// <summary>
/// One function as Lambda runs it: its published <c>bootstrap</c> as a process of its own, with the environment
/// template.yaml gives it, polling its own Runtime API. The process starts on the first invocation (the cold start,
/// timed from process start to its first response and printed) and stays warm for the next ones, which it serves one
/// at a time as a single Lambda execution environment does. A process that exits is started again on the next call.
/// </summary>
internal sealed class FunctionRuntime(SamFunction function, string bootstrap, Func<IReadOnlyDictionary<string, string>> environment) : IAsyncDisposable
{
    private static readonly TimeSpan ProcessExitWait = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private FakeLambdaRuntimeApi? _api;
    private Process? _process;
    private StringBuilder? _stderr;
    private int _invocations;
    private int _answered;

    public SamFunction Function => function;

    /// <summary>Milliseconds from process start to the first response, once the function has run.</summary>
    public double? ColdStartMilliseconds { get; private set; }

    public int ColdStarts { get; private set; }

    /// <summary>Invocations answered so far (a response or an error).</summary>
    public int Answered => Volatile.Read(ref _answered);

    /// <summary>Runs one invocation; <paramref name="trigger"/> names what invoked it (printed with the cold start).</summary>
    public async Task<FakeRuntimeReport> InvokeAsync(byte[] payload, string trigger, CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var started = 0L;
            if (_process is null || _process.HasExited)
            {
                await StopAsync();
                _api = FakeLambdaRuntimeApi.Start();
                started = Stopwatch.GetTimestamp();
                _process = Launch(_api.RuntimeApi);
            }

            var requestId = string.Create(CultureInfo.InvariantCulture, $"{function.LogicalId}-{Interlocked.Increment(ref _invocations)}-{Guid.NewGuid():N}");
            _api!.Enqueue(new FakeInvocation(requestId, payload, DateTimeOffset.UtcNow.AddSeconds(function.Timeout)) { FunctionArn = function.Arn });
            var report = await Task.WhenAny(_api.WaitForReportAsync(requestId, TimeSpan.FromSeconds(function.Timeout)), _api.WaitForInitErrorAsync(TimeSpan.FromSeconds(function.Timeout))).Unwrap();
            if (started != 0)
            {
                ColdStarts++;
                ColdStartMilliseconds = Stopwatch.GetElapsedTime(started, report.ReceivedTimestamp).TotalMilliseconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"cold start {function.LogicalId}: {ColdStartMilliseconds:F1} ms (process start to first response; first invoked over HTTPS by {trigger})"));
            }

            Interlocked.Increment(ref _answered);
            if (report.Kind == FakeReportKind.InitError)
            {
                await StopAsync();
            }

            return report;
        }
        catch (TimeoutException)
        {
            throw new DeployedLocallyException($"{function.LogicalId} did not answer within its {function.Timeout} s timeout; its stderr:{Environment.NewLine}{_stderr}");
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>What the process wrote on stderr (its log lines).</summary>
    public string Log => _stderr?.ToString() ?? string.Empty;

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _oneAtATime.Dispose();
    }

    private Process Launch(string runtimeApi)
    {
        var start = new ProcessStartInfo(bootstrap) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/local/bin:/usr/bin:/bin";
        foreach (var (name, value) in environment())
        {
            start.Environment[name] = value;
        }

        start.Environment["AWS_LAMBDA_RUNTIME_API"] = runtimeApi;
        start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = function.FunctionName;
        start.Environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = function.MemorySize.ToString(CultureInfo.InvariantCulture);
        start.Environment["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST";
        start.Environment["_HANDLER"] = function.Handler ?? "bootstrap";
        var stderr = new StringBuilder();
        var process = Process.Start(start) ?? throw new DeployedLocallyException($"cannot start {bootstrap}");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stderr)
                {
                    stderr.AppendLine(e.Data);
                }
            }
        };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stderr)
                {
                    stderr.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _stderr = stderr;
        return process;
    }

    private async Task StopAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().WaitAsync(ProcessExitWait);
            _process.Dispose();
            _process = null;
        }

        if (_api is not null)
        {
            await _api.DisposeAsync();
            _api = null;
        }
    }
}
