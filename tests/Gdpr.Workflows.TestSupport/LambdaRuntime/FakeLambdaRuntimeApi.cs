using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Gdpr.Workflows.TestSupport.Http;

namespace Gdpr.Workflows.TestSupport.LambdaRuntime;

/// <summary>
/// A local stand-in for the Lambda Runtime API (2018-06-01) on 127.0.0.1 with a free port. Queue events with
/// <see cref="Enqueue"/>, point a runtime at <see cref="RuntimeApi"/> (the AWS_LAMBDA_RUNTIME_API value), and await
/// what it posts back. Depends on nothing but the BCL, so a benchmark can drive a separate runtime process with it;
/// a long poll from a client that hung up (e.g. a killed process) never swallows an event.
/// </summary>
public sealed class FakeLambdaRuntimeApi : IAsyncDisposable
{
    private const string RoutePrefix = "/2018-06-01/runtime/";
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);
    private static readonly byte[] Accepted = """{"status":"OK"}"""u8.ToArray();
    private static readonly KeyValuePair<string, string>[] JsonContentType = [new("Content-Type", "application/json")];

    private readonly LoopbackHttpServer _server;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<FakeInvocation> _pending = new();
    private readonly SemaphoreSlim _available = new(0);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<FakeRuntimeReport>> _reportsByRequestId = new();
    private readonly TaskCompletionSource<FakeRuntimeReport> _initError = NewReportSource();
    private readonly List<FakeRuntimeReport> _reports = [];
    private readonly List<(string Method, string RouteSuffix, HttpStatusCode Status)> _failures = [];
    private int _nextRequestCount;
    private long _firstNextTimestamp;

    private FakeLambdaRuntimeApi()
    {
        _server = new LoopbackHttpServer(ServeConnectionAsync);
        RuntimeApi = $"127.0.0.1:{_server.Url.Port}";
    }

    /// <summary>Listening already; dispose to stop.</summary>
    public static FakeLambdaRuntimeApi Start() => new();

    /// <summary><c>host:port</c>, the value for AWS_LAMBDA_RUNTIME_API.</summary>
    public string RuntimeApi { get; }

    /// <summary>How many <c>GET invocation/next</c> requests arrived (a runtime that failed init makes none).</summary>
    public int NextRequestCount => Volatile.Read(ref _nextRequestCount);

    /// <summary>
    /// <see cref="Stopwatch.GetTimestamp"/> when the first <c>invocation/next</c> arrived (the runtime's init was over), or
    /// null before that: a benchmark splits a cold start into init and first invocation with it.
    /// </summary>
    public long? FirstNextTimestamp => Interlocked.Read(ref _firstNextTimestamp) is var at and not 0 ? at : null;

    /// <summary>Everything posted back so far, in arrival order.</summary>
    public IReadOnlyList<FakeRuntimeReport> Reports
    {
        get
        {
            lock (_reports)
            {
                return [.. _reports];
            }
        }
    }

    /// <summary>Hands <paramref name="invocation"/> to the next (or a waiting) <c>invocation/next</c>, in FIFO order.</summary>
    public void Enqueue(FakeInvocation invocation)
    {
        _pending.Enqueue(invocation);
        _available.Release();
    }

    /// <summary>The first response or error posted for <paramref name="requestId"/>.</summary>
    public Task<FakeRuntimeReport> WaitForReportAsync(string requestId, TimeSpan? timeout = null) =>
        _reportsByRequestId.GetOrAdd(requestId, _ => NewReportSource()).Task.WaitAsync(timeout ?? DefaultWait);

    public Task<FakeRuntimeReport> WaitForInitErrorAsync(TimeSpan? timeout = null) =>
        _initError.Task.WaitAsync(timeout ?? DefaultWait);

    /// <summary>
    /// Answers the next request whose method is <paramref name="method"/> and whose route ends with
    /// <paramref name="routeSuffix"/> (e.g. "POST", "/response") with <paramref name="status"/> instead; it is not recorded.
    /// </summary>
    public void FailNext(string method, string routeSuffix, HttpStatusCode status)
    {
        lock (_failures)
        {
            _failures.Add((method, routeSuffix, status));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _server.DisposeAsync();
        _stopping.Dispose();
        _available.Dispose();
    }

    private async Task ServeConnectionAsync(MinimalHttpConnection connection, CancellationToken stopping)
    {
        while (await connection.ReadRequestAsync(stopping) is { } request)
        {
            var keepServing = request.Method == "GET" && request.Path == RoutePrefix + "invocation/next"
                ? await ServeNextAsync(connection)
                : await ServePostAsync(connection, request);
            if (!keepServing)
            {
                return;
            }
        }
    }

    private async Task<bool> ServeNextAsync(MinimalHttpConnection connection)
    {
        Interlocked.CompareExchange(ref _firstNextTimestamp, Stopwatch.GetTimestamp(), 0);
        Interlocked.Increment(ref _nextRequestCount);
        if (TakeFailure("GET", "invocation/next") is { } failure)
        {
            await WriteFailureAsync(connection, failure);
            return true;
        }

        if (!await WaitForInvocationWhileConnectedAsync(connection))
        {
            return false;
        }

        _pending.TryDequeue(out var invocation);
        try
        {
            await connection.WriteResponseAsync(200, NextHeaders(invocation!), invocation!.Event, _stopping.Token);
            return true;
        }
        catch (Exception lost) when (lost is IOException or SocketException or ObjectDisposedException)
        {
            // The client left between asking and receiving: the event goes back for the next runtime.
            Enqueue(invocation!);
            return false;
        }
    }

    /// <summary>True once an invocation is reserved for this connection; false if the client hung up first.</summary>
    private async Task<bool> WaitForInvocationWhileConnectedAsync(MinimalHttpConnection connection)
    {
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        var reserve = _available.WaitAsync(giveUp.Token);
        var clientActivity = connection.PendingReadAsync(_stopping.Token);
        if (await Task.WhenAny(reserve, clientActivity) == clientActivity
            && !(clientActivity.IsCompletedSuccessfully && clientActivity.Result > 0))
        {
            await giveUp.CancelAsync();
            try
            {
                await reserve;
                _available.Release(); // Reserved in the same instant the client left: hand it back.
            }
            catch (OperationCanceledException)
            {
            }

            return false;
        }

        try
        {
            await reserve;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<bool> ServePostAsync(MinimalHttpConnection connection, MinimalHttpRequest request)
    {
        var route = request.Path.StartsWith(RoutePrefix, StringComparison.Ordinal) ? request.Path[RoutePrefix.Length..] : null;
        if (route is not null && TakeFailure(request.Method, route) is { } failure)
        {
            await WriteFailureAsync(connection, failure);
            return true;
        }

        var report = request.Method == "POST" && route is not null ? ToReport(route, request) : null;
        if (report is null)
        {
            await connection.WriteResponseAsync(404, JsonContentType, """{"errorMessage":"No such route","errorType":"NotFound"}"""u8.ToArray(), _stopping.Token);
            return true;
        }

        Record(report);
        await connection.WriteResponseAsync(202, JsonContentType, Accepted, _stopping.Token);
        return true;
    }

    private static FakeRuntimeReport? ToReport(string route, MinimalHttpRequest request)
    {
        var timestamp = Stopwatch.GetTimestamp();
        var contentType = request.Header("Content-Type");
        var errorType = request.Header("Lambda-Runtime-Function-Error-Type");
        if (route == "init/error")
        {
            return new FakeRuntimeReport(FakeReportKind.InitError, null, request.Body, contentType, errorType, timestamp);
        }

        var segments = route.Split('/');
        if (segments.Length != 3 || segments[0] != "invocation")
        {
            return null;
        }

        var requestId = Uri.UnescapeDataString(segments[1]);
        return segments[2] switch
        {
            "response" => new FakeRuntimeReport(FakeReportKind.Response, requestId, request.Body, contentType, errorType, timestamp),
            "error" => new FakeRuntimeReport(FakeReportKind.InvocationError, requestId, request.Body, contentType, errorType, timestamp),
            _ => null,
        };
    }

    private void Record(FakeRuntimeReport report)
    {
        lock (_reports)
        {
            _reports.Add(report);
        }

        var source = report.RequestId is null
            ? _initError
            : _reportsByRequestId.GetOrAdd(report.RequestId, _ => NewReportSource());
        source.TrySetResult(report);
    }

    private HttpStatusCode? TakeFailure(string method, string route)
    {
        lock (_failures)
        {
            var index = _failures.FindIndex(f => f.Method == method && route.EndsWith(f.RouteSuffix, StringComparison.Ordinal));
            if (index < 0)
            {
                return null;
            }

            var status = _failures[index].Status;
            _failures.RemoveAt(index);
            return status;
        }
    }

    private Task WriteFailureAsync(MinimalHttpConnection connection, HttpStatusCode status) =>
        connection.WriteResponseAsync(
            (int)status,
            JsonContentType,
            Encoding.UTF8.GetBytes($$"""{"errorMessage":"Fake failure {{(int)status}}","errorType":"Fake.Failure"}"""),
            _stopping.Token);

    private static List<KeyValuePair<string, string>> NextHeaders(FakeInvocation invocation)
    {
        var headers = new List<KeyValuePair<string, string>>
        {
            new("Content-Type", "application/json"),
            new("Lambda-Runtime-Aws-Request-Id", invocation.RequestId),
            new("Lambda-Runtime-Deadline-Ms", invocation.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
        };
        AddIfPresent(headers, "Lambda-Runtime-Invoked-Function-Arn", invocation.FunctionArn);
        AddIfPresent(headers, "Lambda-Runtime-Trace-Id", invocation.TraceId);
        AddIfPresent(headers, "Lambda-Runtime-Client-Context", invocation.ClientContext);
        AddIfPresent(headers, "Lambda-Runtime-Cognito-Identity", invocation.CognitoIdentity);
        return headers;
    }

    private static void AddIfPresent(List<KeyValuePair<string, string>> headers, string name, string? value)
    {
        if (value is not null)
        {
            headers.Add(new(name, value));
        }
    }

    private static TaskCompletionSource<FakeRuntimeReport> NewReportSource() =>
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
