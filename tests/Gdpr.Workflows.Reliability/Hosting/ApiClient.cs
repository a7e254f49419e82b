using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Reliability.Hosting;

/// <summary>The host was not there to answer (down, killed mid-call, or not started yet): try again once it is back.</summary>
internal sealed class HostDownException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>One answer of the API: the status code and the JSON body.</summary>
internal sealed record ApiAnswer(int Status, JsonNode? Body)
{
    public bool Ok => Status is >= 200 and < 300;

    public string? Text(string field) => Body?[field] is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    public string ErrorCode => Body?["error"]?["code"]?.GetValue<string>() ?? string.Empty;
}

/// <summary>
/// The local HTTP API of <see cref="ServeHost"/> as its clients see it: bearer tokens from the data directory, the
/// host's current URL (it changes with each restart), and a dead host reported as <see cref="HostDownException"/>.
/// </summary>
internal sealed class ApiClient : IDisposable
{
    private readonly ServeHost host;
    private readonly HttpClient http;
    private readonly Dictionary<string, string> tokens = new(StringComparer.Ordinal);

    public ApiClient(ServeHost host, int maxConnections, TimeSpan timeout)
    {
        this.host = host;
        http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        })
        {
            Timeout = timeout,
        };
    }

    public Task<ApiAnswer> GetAsync(string path, ApiRole role, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, path, role, null, cancellationToken);

    public Task<ApiAnswer> PostAsync(string path, ApiRole role, JsonNode body, CancellationToken cancellationToken) => SendAsync(HttpMethod.Post, path, role, body, cancellationToken);

    /// <summary>A call with <paramref name="system"/>'s own token (system tokens are per system).</summary>
    public Task<ApiAnswer> PostAsSystemAsync(string path, string system, JsonNode body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, ApiTokens.SystemFileName(system), body, cancellationToken);

    public Task<ApiAnswer> SendAsync(HttpMethod method, string path, ApiRole role, JsonNode? body, CancellationToken cancellationToken) =>
        SendAsync(method, path, ApiTokens.FileName(role), body, cancellationToken);

    private async Task<ApiAnswer> SendAsync(HttpMethod method, string path, string tokenFile, JsonNode? body, CancellationToken cancellationToken)
    {
        var baseUrl = host.Url ?? throw new HostDownException("The host is down.");
        using var request = new HttpRequestMessage(method, new Uri(baseUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(tokenFile));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return new ApiAnswer((int)response.StatusCode, string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text));
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new HostDownException($"{method} {path}: {e.GetType().Name} ({e.Message})", e);
        }
    }

    public void Dispose() => http.Dispose();

    private string Token(string tokenFile)
    {
        lock (tokens)
        {
            if (!tokens.TryGetValue(tokenFile, out var token))
            {
                token = File.ReadAllText(Path.Combine(host.Home, tokenFile)).Trim();
                tokens[tokenFile] = token;
            }

            return token;
        }
    }
}
