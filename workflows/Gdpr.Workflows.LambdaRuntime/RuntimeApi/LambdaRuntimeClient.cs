using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Gdpr.Workflows.LambdaRuntime.RuntimeApi;

/// <summary>
/// HTTP client for the Lambda Runtime API (version 2018-06-01) at <c>http://{AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/</c>.
/// </summary>
public sealed class LambdaRuntimeClient : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private readonly HttpClient _http;

    /// <param name="runtimeApi">The value of AWS_LAMBDA_RUNTIME_API: <c>host:port</c>.</param>
    /// <param name="handler">Optional transport (tests); by default a proxy-free <see cref="SocketsHttpHandler"/>.</param>
    public LambdaRuntimeClient(string runtimeApi, HttpMessageHandler? handler = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runtimeApi);
        BaseAddress = new Uri($"http://{runtimeApi}/2018-06-01/runtime/", UriKind.Absolute);
        _http = new HttpClient(handler ?? CreateDefaultHandler(), disposeHandler: handler is null)
        {
            BaseAddress = BaseAddress,
            // invocation/next long-polls for as long as the environment waits for an event (and may be frozen meanwhile).
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The Runtime API root, e.g. <c>http://127.0.0.1:9001/2018-06-01/runtime/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary><c>GET invocation/next</c>: waits, without a timeout, until Lambda hands out the next event.</summary>
    public async Task<LambdaInvocation> GetNextInvocationAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync(
            new Uri("invocation/next", UriKind.Relative), HttpCompletionOption.ResponseContentRead, cancellationToken);
        await EnsureSuccessAsync(response, "invocation/next", cancellationToken);

        var requestId = Header(response, LambdaRuntimeHeaders.RequestId)
            ?? throw new LambdaRuntimeApiException($"invocation/next answered without a {LambdaRuntimeHeaders.RequestId} header.");
        var deadlineText = Header(response, LambdaRuntimeHeaders.DeadlineMs);
        if (!long.TryParse(deadlineText, NumberStyles.None, CultureInfo.InvariantCulture, out var deadlineMs))
        {
            throw new LambdaRuntimeApiException($"invocation/next answered without a valid {LambdaRuntimeHeaders.DeadlineMs} header.");
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new LambdaInvocation(
            requestId,
            DateTimeOffset.FromUnixTimeMilliseconds(deadlineMs),
            Header(response, LambdaRuntimeHeaders.InvokedFunctionArn),
            Header(response, LambdaRuntimeHeaders.TraceId),
            Header(response, LambdaRuntimeHeaders.ClientContext),
            Header(response, LambdaRuntimeHeaders.CognitoIdentity),
            body);
    }

    /// <summary><c>POST invocation/{requestId}/response</c> with the function's JSON result.</summary>
    public async Task PostResponseAsync(string requestId, ReadOnlyMemory<byte> responseJson, CancellationToken cancellationToken = default)
    {
        var path = $"invocation/{Uri.EscapeDataString(requestId)}/response";
        using var content = new ReadOnlyMemoryContent(responseJson);
        content.Headers.ContentType = JsonMediaType;
        using var response = await _http.PostAsync(new Uri(path, UriKind.Relative), content, cancellationToken);
        await EnsureSuccessAsync(response, path, cancellationToken);
    }

    /// <summary><c>POST invocation/{requestId}/error</c>: the invocation failed.</summary>
    public Task PostInvocationErrorAsync(string requestId, LambdaError error, CancellationToken cancellationToken = default) =>
        PostErrorAsync($"invocation/{Uri.EscapeDataString(requestId)}/error", error, cancellationToken);

    /// <summary><c>POST init/error</c>: the function could not start; the runtime should exit afterwards.</summary>
    public Task PostInitErrorAsync(LambdaError error, CancellationToken cancellationToken = default) =>
        PostErrorAsync("init/error", error, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task PostErrorAsync(string path, LambdaError error, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(error, LambdaRuntimeJsonContext.Default.LambdaError));
        content.Headers.ContentType = JsonMediaType;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.TryAddWithoutValidation(LambdaRuntimeHeaders.FunctionErrorType, AsHeaderValue(error.ErrorType));
        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, path, cancellationToken);
    }

    private static SocketsHttpHandler CreateDefaultHandler() => new()
    {
        // The Runtime API is a local endpoint; an HTTP(S)_PROXY set for the function's own traffic must not apply.
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        // The Runtime API's error body is a short {"errorMessage","errorType"} about our request, never the event.
        var detail = await response.Content.ReadAsStringAsync(cancellationToken);
        throw new LambdaRuntimeApiException(
            $"Runtime API {path} answered {(int)response.StatusCode} {response.StatusCode}: {Truncate(detail, 500)}",
            response.StatusCode);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    // Header values must be printable ASCII; error types are usually identifiers, but exception names are not guaranteed to be.
    private static string AsHeaderValue(string errorType)
    {
        var chars = errorType.Select(c => c is >= ' ' and <= '~' ? c : '_').ToArray();
        return chars.Length == 0 ? "Unhandled" : new string(chars);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
