using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.LambdaRuntime.Tests.TestSupport;

/// <summary>
/// Runs a <see cref="LambdaBootstrap"/> loop in the background against a <see cref="FakeLambdaRuntimeApi"/>, with an
/// in-memory environment, a fake clock (deadlines only pass when a test advances it) and a captured log.
/// </summary>
public sealed class LambdaRuntimeHarness : IAsyncDisposable
{
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _log = new();

    private LambdaRuntimeHarness(Func<LambdaBootstrapOptions, CancellationToken, Task<int>> run, Action<FakeLambdaRuntimeApi>? arrangeApi)
    {
        arrangeApi?.Invoke(Api);
        Environment.Set(LambdaBootstrap.RuntimeApiVariable, Api.RuntimeApi);
        var options = new LambdaBootstrapOptions
        {
            Environment = Environment,
            TimeProvider = Time,
            Log = TextWriter.Synchronized(_log),
        };
        Run = Task.Run(() => run(options, _stop.Token));
    }

    public FakeLambdaRuntimeApi Api { get; } = FakeLambdaRuntimeApi.Start();

    public DictionaryEnvironmentVariables Environment { get; } = new();

    public FakeTimeProvider Time { get; } = new();

    /// <summary>The bootstrap's exit code, once it ends.</summary>
    public Task<int> Run { get; }

    public string LogText
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <param name="run">Starts the bootstrap with the harness's options and stop token.</param>
    /// <param name="arrangeApi">Prepares the fake before the runtime's first request (e.g. <see cref="FakeLambdaRuntimeApi.FailNext"/>).</param>
    public static LambdaRuntimeHarness Start(
        Func<LambdaBootstrapOptions, CancellationToken, Task<int>> run, Action<FakeLambdaRuntimeApi>? arrangeApi = null) =>
        new(run, arrangeApi);

    /// <summary>Queues an event whose deadline is <paramref name="timeout"/> (default 15 minutes) after the fake clock's now.</summary>
    public FakeInvocation Enqueue(string requestId, string eventJson, TimeSpan? timeout = null, string? traceId = null)
    {
        var deadline = Time.GetUtcNow() + (timeout ?? TimeSpan.FromMinutes(15));
        var invocation = FakeInvocation.FromJson(requestId, eventJson, deadline) with { TraceId = traceId };
        Api.Enqueue(invocation);
        return invocation;
    }

    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await Run.WaitAsync(StopWait);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Run.WaitAsync(StopWait);
        }
        finally
        {
            await Api.DisposeAsync();
            _stop.Dispose();
            await _log.DisposeAsync();
        }
    }
}
