using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gdpr.Workflows.Cli.Commands;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Output;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Http;

/// <summary>
/// The local HTTP API on 127.0.0.1, with the deployed API's routes (functions/README.md "Contracts (API)") and a few
/// more for officers and auditors. Every call needs a bearer token; each role has its own (see <see cref="ApiTokens"/>).
/// </summary>
public sealed partial class ApiServer : IDisposable
{
    private const int MaxBodyBytes = 64 * 1024;
    private const int MaxJsonDepth = 16;
    private const int MaxHeaderCount = 100;
    private const int MaxHeaderBytes = 16 * 1024;
    private const long MaxDrainBytes = 64L * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly (string Method, string[] Path)[] Routes =
    [
        ("POST", ["requests"]), ("GET", ["requests"]), ("GET", ["requests", "{id}"]), ("GET", ["requests", "{id}", "history"]),
        ("POST", ["requests", "{id}", "cancel"]), ("POST", ["requests", "{id}", "verification"]), ("POST", ["requests", "{id}", "extension"]),
        ("POST", ["tasks", "callback"]), ("GET", ["tasks"]), ("GET", ["audit", "verify"]),
        ("POST", ["tasks", "answers"]), ("GET", ["tasks", "{id}", "subject"]), ("GET", ["contracts", "erasure-task", "v1", "{id}"]),
    ];

    /// <summary>
    /// Back-pressure: at most this many calls that write (POST) run at once, and this many reads. The rest wait their
    /// turn in order, in memory, instead of all contending for SQLite's write lock, where a caller starved past the
    /// busy timeout would fail with SQLITE_BUSY (a 500 that loses the request). Under load a call is slower, never refused.
    /// </summary>
    private const int MaxConcurrentWrites = 4;

    private const int MaxConcurrentReads = 16;

    private readonly HttpListener listener;
    private readonly LocalHost host;
    private readonly ApiTokens tokens;
    private readonly Action<string?, string> log;
    private readonly SemaphoreSlim writes = new(MaxConcurrentWrites);
    private readonly SemaphoreSlim reads = new(MaxConcurrentReads);

    private ApiServer(HttpListener listener, Uri url, LocalHost host, ApiTokens tokens, Action<string?, string> log)
    {
        this.listener = listener;
        this.host = host;
        this.tokens = tokens;
        this.log = log;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>Listens on 127.0.0.1:<paramref name="port"/>, or on a free port when it is 0.</summary>
    public static ApiServer Start(LocalHost host, ApiTokens tokens, int port, Action<string?, string> log)
    {
        for (var attempt = 0; ; attempt++)
        {
            var chosen = port == 0 ? FreePort() : port;
            var listener = new HttpListener();
            var url = new Uri($"http://127.0.0.1:{chosen}/");
            listener.Prefixes.Add(url.ToString());
            try
            {
                listener.Start();
                return new ApiServer(listener, url, host, tokens, log);
            }
            catch (HttpListenerException) when (port == 0 && attempt < 5)
            {
                // Another process took the free port between the probe and the bind: probe again.
                listener.Close();
            }
            catch (HttpListenerException e)
            {
                listener.Close();
                throw CliException.Conflict($"Cannot listen on {url}: {e.Message}.", "Choose another --port, or leave it out for a free one.");
            }
        }
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = cancellationToken.Register(listener.Stop);
        var inFlight = new List<Task>();
        while (!cancellationToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                break;
            }

            inFlight.RemoveAll(t => t.IsCompleted);
            inFlight.Add(Task.Run(() => ServeInTurnAsync(context, cancellationToken), CancellationToken.None));
        }

        await Task.WhenAll(inFlight);
    }

    public void Dispose()
    {
        listener.Close();
        writes.Dispose();
        reads.Dispose();
    }

    /// <summary>Waits for a turn (see <see cref="MaxConcurrentWrites"/>), then serves the call.</summary>
    private async Task ServeInTurnAsync(HttpListenerContext context, CancellationToken cancellationToken)
    {
        var turn = context.Request.HttpMethod is "GET" or "HEAD" ? reads : writes;
        try
        {
            await turn.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the call is not served; the client sees the connection close and tries again.
            context.Response.Abort();
            return;
        }

        try
        {
            await ServeAsync(context, cancellationToken);
        }
        finally
        {
            turn.Release();
        }
    }

    private async Task ServeAsync(HttpListenerContext context, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var request = context.Request;
        var segments = Segments(request);
        var requestId = segments is ["requests", var id, ..] && RequestIdPattern().IsMatch(id) ? id : null;
        int status;
        try
        {
            CheckHeaderSize(request);
            var principal = Authenticate(request);
            var (code, body) = await RouteAsync(request.HttpMethod, segments, principal, request, cancellationToken);
            requestId ??= body is JsonObject json && json["requestId"] is JsonValue rid && rid.TryGetValue(out string? text) ? text : null;
            status = code;
            await WriteAsync(context.Response, code, body);
        }
        catch (Exception failure)
        {
            (status, var error) = Failure(failure);
            await WriteAsync(context.Response, status, error, failure is ApiException api ? api.Headers : null);
        }

        log(requestId, $"{LoggedMethod(request.HttpMethod)} {LoggedPath(segments)} {status} {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms");
    }

    /// <summary>The listener takes headers of any size; the API refuses more than a client ever needs (431).</summary>
    private static void CheckHeaderSize(HttpListenerRequest request)
    {
        var headers = request.Headers;
        long bytes = 0;
        foreach (var name in headers.AllKeys)
        {
            bytes += (name?.Length ?? 0) + (headers[name]?.Length ?? 0) + 4;
        }

        if (headers.Count > MaxHeaderCount || bytes > MaxHeaderBytes)
        {
            throw new ApiException(431, "headers_too_large", $"The request headers are too large: at most {MaxHeaderCount} headers and {MaxHeaderBytes / 1024} KiB in all.");
        }
    }

    private ApiPrincipal Authenticate(HttpListenerRequest request)
    {
        var header = request.Headers["Authorization"];
        var token = header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        return tokens.Authenticate(token) ?? throw new ApiException(401, "unauthorized",
            "A valid bearer token is required: 'Authorization: Bearer <token>', the token from api-token (officers), api-token-auditor (auditors) or api-token-system-<name> (the system <name>) in the data directory.")
        {
            Headers = [("WWW-Authenticate", "Bearer realm=\"gdpr\"")],
        };
    }

    private async Task<(int Status, JsonNode? Body)> RouteAsync(string method, string[] segments, ApiPrincipal principal, HttpListenerRequest request, CancellationToken cancellationToken)
    {
        var services = host.Services;
        var role = principal.Role;
        switch (method, segments)
        {
            case ("POST", ["requests"]):
                Require(role, ApiRole.Officer);
                NoQuery(request);
                return (201, await SubmitAsync(await BodyAsync(request, cancellationToken), cancellationToken));
            case ("GET", ["requests"]):
                Require(role, ApiRole.Officer, ApiRole.Auditor);
                return (200, await ListAsync(request, cancellationToken));
            case ("GET", ["requests", var id]):
                Require(role, ApiRole.Officer, ApiRole.Auditor);
                NoQuery(request);
                return (200, ToNode(StatusCommand.Json(await services.Status.GetAsync(RequestId(id), cancellationToken))));
            case ("GET", ["requests", var id, "history"]):
                Require(role, ApiRole.Officer, ApiRole.Auditor);
                NoQuery(request);
                return (200, ToNode(await services.History.GetAsync(RequestId(id), cancellationToken)));
            case ("POST", ["requests", var id, "cancel"]):
            {
                Require(role, ApiRole.Officer);
                NoQuery(request);
                var body = ApiBody.Of(await BodyAsync(request, cancellationToken), "reason", "officer");
                var cancelled = await services.Cancel.CancelAsync(RequestId(id), Actor(body), body.String("reason"), cancellationToken);
                return (200, ToNode(new { requestId = cancelled.RequestId, status = cancelled.Status.ToString(), cancelledNow = cancelled.CancelledNow, workflow = cancelled.Workflow.ToString() }));
            }

            case ("POST", ["requests", var id, "verification"]):
            {
                Require(role, ApiRole.Officer);
                NoQuery(request);
                var body = ApiBody.Of(await BodyAsync(request, cancellationToken), "verified", "method", "reason", "officer");
                var verified = body.Bool("verified") ?? throw new InvalidInputException("'verified' is required: true (with 'method') or false (with 'reason').");
                var code = verified ? body.RequiredString("method") : body.RequiredString("reason");
                return (200, ToNode(await services.TaskCallbacks.DecideIdentityAsync(RequestId(id), verified, code, Actor(body), cancellationToken)));
            }

            case ("POST", ["requests", var id, "extension"]):
            {
                Require(role, ApiRole.Officer);
                NoQuery(request);
                var body = ApiBody.Of(await BodyAsync(request, cancellationToken), "months", "reason", "officer");
                var months = body.Int("months", 1, 2) ?? throw new InvalidInputException("'months' is required: 1 or 2.");
                var view = await services.Deadline.ExtendAsync(RequestId(id), months, body.RequiredString("reason"), Actor(body), cancellationToken);
                return (200, ToNode(StatusCommand.Json(view)));
            }

            case ("POST", ["tasks", "callback"]):
                Require(role, ApiRole.System);
                NoQuery(request);
                return (200, await CallbackAsync(principal, await BodyAsync(request, cancellationToken), cancellationToken));
            case ("GET", ["tasks"]):
                Require(role, ApiRole.System, ApiRole.Officer);
                return (200, await TasksAsync(principal, request, cancellationToken));
            case ("POST", ["tasks", "answers"]):
                Require(role, ApiRole.System);
                NoQuery(request);
                return (200, await host.Answers.AnswerBatchAsync(principal.System!, await BodyAsync(request, cancellationToken), cancellationToken));
            case ("GET", ["tasks", var taskId, "subject"]):
                Require(role, ApiRole.System);
                NoQuery(request);
                return (200, await host.Answers.SubjectAsync(principal.System!, taskId, cancellationToken));
            case ("GET", ["contracts", "erasure-task", "v1", var file]):
                NoQuery(request);
                return (200, ContractSchemas.Find(file) ?? throw new NotFoundException($"No schema {file}: task, answer, batch, subject (.schema.json)."));
            case ("GET", ["audit", "verify"]):
                Require(role, ApiRole.Auditor, ApiRole.Officer);
                Query(request, "request");
                var target = RequestId(request.QueryString["request"] ?? throw new InvalidInputException("?request=<id> is required."));
                var chain = await services.Audit.VerifyAsync(target, cancellationToken: cancellationToken);
                if (chain.EventCount == 0)
                {
                    throw new NotFoundException($"There is no audit trail for request {target}.");
                }

                return (200, ToNode(new { requestId = target, verified = chain.Ok, events = chain.EventCount, chainBreak = chain.Break?.Description }));
            case ("POST", [ServeRelay.Route]):
                // Another gdpr process's command that changes requests, run on this engine (see ServeForwarder).
                var relayed = ServeRelay.Read(await BodyAsync(request, cancellationToken));
                Require(role, relayed.Role);
                return (200, await relayed.RunAsync(host, cancellationToken));
            default:
                var allowed = Routes.Where(r => Matches(r.Path, segments)).Select(r => r.Method).ToList();
                if (allowed.Count > 0)
                {
                    throw new ApiException(405, "method_not_allowed", $"This path takes {string.Join(" or ", allowed)}.") { Headers = [("Allow", string.Join(", ", allowed))] };
                }

                throw new ApiException(404, "not_found", "No such route. Routes: POST /requests, GET /requests, GET /requests/{id}, GET /requests/{id}/history, POST /requests/{id}/cancel, POST /requests/{id}/verification, POST /requests/{id}/extension, POST /tasks/callback, GET /tasks, GET /audit/verify?request={id}.");
        }
    }

    private async Task<JsonNode?> SubmitAsync(JsonObject json, CancellationToken cancellationToken)
    {
        var body = ApiBody.Of(json, "identifiers", "channel", "requesterAuthenticated", "idempotencyKey", "jurisdiction", "receivedAt");
        var items = body.Array("identifiers") ?? throw new InvalidInputException("'identifiers' is required: an array of {kind, value} (and key for kind keyed).");
        var identifiers = items.Select((item, i) =>
        {
            var identifier = ApiBody.Nested(item, $"identifiers[{i}]", "kind", "value", "key");
            return new IdentifierInput(identifier.RequiredString("kind"), identifier.RequiredString("value"), identifier.String("key"));
        }).ToList();
        var submission = new IntakeSubmission(
            identifiers,
            body.String("channel") ?? "api",
            body.Bool("requesterAuthenticated") ?? false,
            body.String("idempotencyKey"),
            body.String("jurisdiction"));
        var intake = host.Services.Intake;
        if (body.String("receivedAt") is { } received)
        {
            var at = Arguments.Instant(received, "'receivedAt'");
            if (at > host.Services.Time.GetUtcNow())
            {
                throw new InvalidInputException("'receivedAt' is in the future: give when the request arrived, now or earlier.");
            }

            intake = host.Services.IntakeReceivedAt(at);
        }

        var result = await intake.SubmitAsync(submission, cancellationToken);
        return ToNode(new
        {
            requestId = result.RequestId,
            created = result.Created,
            status = result.Status.ToString(),
            deadline = result.DueDate is { } due ? CliOutput.Date(due) : null,
            provisional = result.DueDateIsProvisional,
            executionId = result.ExecutionId,
        });
    }

    private async Task<JsonNode?> ListAsync(HttpListenerRequest request, CancellationToken cancellationToken)
    {
        Query(request, "status", "pageSize", "next");
        var size = StatusService.DefaultPageSize;
        if (request.QueryString["pageSize"] is { } sizeText && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > IRequestStore.MaxPageSize))
        {
            throw new InvalidInputException($"'pageSize' must be a whole number from 1 to {IRequestStore.MaxPageSize}.");
        }

        var next = request.QueryString["next"];
        var page = request.QueryString["status"] is { } statusName
            ? await host.Services.Status.ListByStatusAsync(
                Erasure.Requests.RequestStatuses.TryParse(statusName, out var status) ? status : throw new InvalidInputException("'status' is not a request status."),
                size, next, cancellationToken)
            : await host.Services.Status.ListOpenAsync(size, next, cancellationToken);
        return ToNode(new { items = page.Items, next = page.ContinuationToken });
    }

    /// <summary>A system sees its own tasks, with the tokens to answer them; an officer sees every system's, without tokens.</summary>
    private async Task<JsonNode?> TasksAsync(ApiPrincipal principal, HttpListenerRequest request, CancellationToken cancellationToken)
    {
        Query(request, "system", "wait");
        var system = request.QueryString["system"];
        var wait = request.QueryString["wait"] is { } waitText
            ? int.TryParse(waitText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 20 ? TimeSpan.FromSeconds(seconds) : throw new InvalidInputException("'wait' must be a whole number of seconds from 0 to 20.")
            : TimeSpan.Zero;
        if (principal.Role == ApiRole.System)
        {
            if (system is not null && system != principal.System)
            {
                throw new ApiException(403, "forbidden", $"The token of system {principal.System} sees only that system's tasks.");
            }

            return TaskViews.Messages(await host.Tasks.WaitForOpenAsync(principal.System, wait, host.Services.Time, cancellationToken));
        }

        return TaskViews.List(await host.Tasks.WaitForOpenAsync(system, wait, host.Services.Time, cancellationToken), withTokens: false);
    }

    private async Task<JsonNode?> CallbackAsync(ApiPrincipal principal, JsonObject json, CancellationToken cancellationToken) =>
        await host.Answers.AnswerAsync(principal.System!, json, cancellationToken);

    private static void Require(ApiRole role, params ApiRole[] allowed)
    {
        if (!allowed.Contains(role))
        {
            throw new ApiException(403, "forbidden", $"The {role.ToString().ToLowerInvariant()} token may not call this route; it needs the token of: {string.Join(" or ", allowed.Select(a => a.ToString().ToLowerInvariant()))}.");
        }
    }

    private static string Actor(ApiBody body) => body.String("officer") ?? "api";

    /// <summary>A request id from the path or query: the shape intake gives them, so nothing else reaches the stores or the log.</summary>
    private static string RequestId(string id) =>
        RequestIdPattern().IsMatch(id) ? id : throw new InvalidInputException("The request id is malformed: request ids are letters, digits, '-', '_', '.' and ':' (at most 128), e.g. req-20250314-8f2k1q.");

    private static void NoQuery(HttpListenerRequest request) => Query(request);

    private static void Query(HttpListenerRequest request, params string[] allowed)
    {
        foreach (var key in request.QueryString.AllKeys)
        {
            if (key is null || !allowed.Contains(key, StringComparer.Ordinal))
            {
                throw new InvalidInputException(allowed.Length == 0
                    ? "This route takes no query parameters."
                    : $"Unknown query parameter; this route takes {string.Join(", ", allowed)}.");
            }
        }
    }

    private static async Task<JsonObject> BodyAsync(HttpListenerRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasEntityBody)
        {
            return [];
        }

        if (!IsJson(request.ContentType))
        {
            await DrainAsync(request.InputStream, cancellationToken);
            throw new ApiException(415, "unsupported_media_type", "The body must be JSON in UTF-8: send 'Content-Type: application/json'.");
        }

        if (request.ContentLength64 > MaxBodyBytes)
        {
            await DrainAsync(request.InputStream, cancellationToken);
            throw TooLarge();
        }

        // Read at most one byte more than the limit: a chunked body has no length to check up front.
        var buffer = new byte[MaxBodyBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.InputStream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        if (length > MaxBodyBytes)
        {
            await DrainAsync(request.InputStream, cancellationToken);
            throw TooLarge();
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(buffer, 0, length);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidInputException("The body is not valid UTF-8.");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = MaxJsonDepth }) as JsonObject
                ?? throw new InvalidInputException("The body must be a JSON object.");
        }
        catch (JsonException e)
        {
            // System.Text.Json's message names the line and byte of the problem and quotes no more than a character of the input.
            throw new InvalidInputException($"The body is not valid JSON: {e.Message}");
        }
    }

    private static ApiException TooLarge() => new(413, "too_large", $"The body is larger than {MaxBodyBytes} bytes.");

    private static bool IsJson(string? contentType)
    {
        if (contentType is null)
        {
            return false;
        }

        var parts = contentType.Split(';', StringSplitOptions.TrimEntries);
        var media = parts[0];
        var json = media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (media.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        var charset = parts.Skip(1).Select(p => p.Split('=', 2)).FirstOrDefault(p => p[0].Equals("charset", StringComparison.OrdinalIgnoreCase));
        return json && (charset is null || (charset.Length == 2 && charset[1].Trim('"').Equals("utf-8", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>Reads and drops what is left of a refused body (up to a limit), so the client reads the answer instead of a reset connection.</summary>
    private static async Task DrainAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long drained = 0;
        int read;
        try
        {
            while (drained < MaxDrainBytes && (read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                drained += read;
            }
        }
        catch (Exception e) when (e is HttpListenerException or IOException)
        {
            // The client stopped sending; the answer still goes out if it can.
        }
    }

    private static string[] Segments(HttpListenerRequest request)
    {
        var path = request.Url?.AbsolutePath ?? string.Empty;
        try
        {
            return path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        }
        catch (UriFormatException)
        {
            return ["(malformed)"];
        }
    }

    private static bool Matches(string[] template, string[] segments) =>
        template.Length == segments.Length && template.Zip(segments).All(p => p.First == "{id}" || p.First == p.Second);

    /// <summary>The path as logged: the route's words and well-formed request ids only, so the log never holds what a caller put in a URL.</summary>
    private static string LoggedPath(string[] segments)
    {
        var known = Routes.SelectMany(r => r.Path).ToHashSet(StringComparer.Ordinal);
        return "/" + string.Join('/', segments.Take(4).Select(s => known.Contains(s) || RequestIdPattern().IsMatch(s) ? s : "{?}")) + (segments.Length > 4 ? "/..." : string.Empty);
    }

    private static string LoggedMethod(string method) => method is "GET" or "POST" or "PUT" or "PATCH" or "DELETE" or "HEAD" or "OPTIONS" ? method : "OTHER";

    private static JsonNode? ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, CliJson.Options);

    private static (int Status, JsonNode Body) Failure(Exception failure)
    {
        if (failure is ApiException api)
        {
            return (api.Status, Error(api.Code, api.Message, null));
        }


        var (code, message, hint) = CommandRunner.Describe(failure);
        var status = code switch
        {
            ExitCodes.BadInput => 400,
            ExitCodes.NotFound => 404,
            ExitCodes.Conflict => 409,
            _ => 500,
        };
        return (status, Error(status switch { 400 => "bad_input", 404 => "not_found", 409 => "conflict", _ => "internal" }, message, hint));
    }

    private static JsonObject Error(string code, string message, string? hint) => new()
    {
        ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["hint"] = hint },
    };

    private static async Task WriteAsync(HttpListenerResponse response, int status, JsonNode? body, IReadOnlyList<(string Name, string Value)>? headers = null)
    {
        try
        {
            response.StatusCode = status;
            response.ContentType = "application/json; charset=utf-8";
            foreach (var (name, value) in headers ?? [])
            {
                response.AddHeader(name, value);
            }

            var bytes = Encoding.UTF8.GetBytes((body?.ToJsonString(CliJson.Options) ?? "null") + "\n");
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The client went away; nothing to tell it.
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private sealed class ApiException(int status, string code, string message) : Exception(message)
    {
        public int Status { get; } = status;

        public string Code { get; } = code;

        public IReadOnlyList<(string Name, string Value)> Headers { get; init; } = [];
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex RequestIdPattern();
}
