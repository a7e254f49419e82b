using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Gdpr.Workflows.TestSupport.Http;
using Gdpr.Workflows.TestSupport.LambdaRuntime;

namespace Gdpr.Workflows.Benchmarks.ColdStart;

/// <summary>One AWS call of a function's first invocation: what it asked and what moto_server answered.</summary>
/// <param name="Operation">The X-Amz-Target header (JSON protocols), else the form's Action (query protocol), else method and path.</param>
/// <param name="Milliseconds">How long moto_server took to answer, as the function waited for it.</param>
internal sealed record AwsExchange(
    string Operation, byte[] RequestBody, int Status, IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders, byte[] ResponseBody, double Milliseconds)
{
    // Hop-by-hop and per-answer headers; the rest (content type, request id, DynamoDB's body CRC32) is replayed.
    private static readonly HashSet<string> NotReplayed = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Date", "Server",
    };

    public static string OperationOf(MinimalHttpRequest request)
    {
        if (request.Header("X-Amz-Target") is { Length: > 0 } target)
        {
            return target;
        }

        var form = Encoding.UTF8.GetString(request.Body);
        var action = form.Split('&').FirstOrDefault(p => p.StartsWith("Action=", StringComparison.Ordinal));
        return action is not null ? Uri.UnescapeDataString(action["Action=".Length..]) : $"{request.Method} {request.Path}";
    }

    public static bool IsReplayed(string header) => !NotReplayed.Contains(header);
}

/// <summary>
/// The AWS calls of one function's first invocation, recorded through <see cref="AwsRecordingProxy"/> on its way to
/// moto_server, and answered again by <see cref="Replay"/>: later cold starts of the same function then get the same
/// answers without moto_server's cost (about 5 ms of Python per call), so what is timed is the function itself.
/// </summary>
internal sealed class AwsTape(IReadOnlyList<AwsExchange> exchanges)
{
    public IReadOnlyList<AwsExchange> Exchanges { get; } = exchanges;

    /// <summary>Total time the recorded invocation waited for moto_server.</summary>
    public double AwsMilliseconds => Exchanges.Sum(e => e.Milliseconds);

    /// <summary>
    /// A server that answers each call with the recorded answer to the same operation: the one with the same request
    /// body if there is one (reads ask the same as when recorded), else the first one not yet used (writes carry new
    /// timestamps and ids). A call the tape has no answer for is a 500 and is listed in <see cref="AwsReplay.Unanswered"/>.
    /// </summary>
    public AwsReplay Replay(X509Certificate2 tls) => new(Exchanges, tls);
}

/// <summary>A running replay of an <see cref="AwsTape"/>; one per cold start.</summary>
internal sealed class AwsReplay : IAsyncDisposable
{
    private readonly List<AwsExchange> _unused;
    private readonly List<string> _unanswered = [];
    private readonly LoopbackHttpServer _server;

    /// <param name="tls">The replay speaks HTTPS, as AWS does: a cold start pays its TLS handshake.</param>
    public AwsReplay(IReadOnlyList<AwsExchange> exchanges, X509Certificate2 tls)
    {
        _unused = [.. exchanges];
        _server = new LoopbackHttpServer(AnswerAsync, tls);
    }

    public Uri Url => _server.Url;

    /// <summary>Operations the function called that the tape had no (more) answers for.</summary>
    public IReadOnlyList<string> Unanswered
    {
        get
        {
            lock (_unused)
            {
                return [.. _unanswered];
            }
        }
    }

    /// <summary>Recorded operations the function has not called (yet).</summary>
    public IReadOnlyList<string> Unused
    {
        get
        {
            lock (_unused)
            {
                return [.. _unused.Select(e => e.Operation)];
            }
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private Task<LoopbackHttpResponse> AnswerAsync(MinimalHttpRequest request, CancellationToken cancellationToken)
    {
        var operation = AwsExchange.OperationOf(request);
        lock (_unused)
        {
            var index = _unused.FindIndex(e => e.Operation == operation && e.RequestBody.AsSpan().SequenceEqual(request.Body));
            if (index < 0)
            {
                index = _unused.FindIndex(e => e.Operation == operation);
            }

            if (index < 0)
            {
                _unanswered.Add(operation);
                return Task.FromResult(new LoopbackHttpResponse(500, [new("Content-Type", "text/plain")], Encoding.UTF8.GetBytes($"the tape has no answer for {operation}")));
            }

            var exchange = _unused[index];
            _unused.RemoveAt(index);
            return Task.FromResult(new LoopbackHttpResponse(exchange.Status, exchange.ResponseHeaders, exchange.ResponseBody));
        }
    }
}

/// <summary>Forwards every call to moto_server and records each exchange for an <see cref="AwsTape"/>.</summary>
internal sealed class AwsRecordingProxy : IAsyncDisposable
{
    private readonly Uri _target;
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });
    private readonly List<AwsExchange> _recorded = [];
    private readonly LoopbackHttpServer _server;

    public AwsRecordingProxy(Uri target)
    {
        _target = target;
        _server = new LoopbackHttpServer(ForwardAsync);
    }

    public Uri Url => _server.Url;

    public AwsTape Tape()
    {
        lock (_recorded)
        {
            return new AwsTape([.. _recorded]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
    }

    private async Task<LoopbackHttpResponse> ForwardAsync(MinimalHttpRequest request, CancellationToken cancellationToken)
    {
        using var forward = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(_target, request.Path))
        {
            Content = new ByteArrayContent(request.Body),
        };
        foreach (var (name, value) in request.Headers)
        {
            if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    forward.Content.Headers.TryAddWithoutValidation(name, value);
                }
            }
            else if (AwsExchange.IsReplayed(name) && !name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                forward.Headers.TryAddWithoutValidation(name, value);
            }
        }

        var started = Stopwatch.GetTimestamp();
        using var response = await _http.SendAsync(forward, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => AwsExchange.IsReplayed(h.Key))
            .Select(h => new KeyValuePair<string, string>(h.Key, string.Join(", ", h.Value)))
            .ToList();
        var exchange = new AwsExchange(AwsExchange.OperationOf(request), request.Body, (int)response.StatusCode, headers, body, elapsed);
        lock (_recorded)
        {
            _recorded.Add(exchange);
        }

        return new LoopbackHttpResponse(exchange.Status, headers, body);
    }
}
