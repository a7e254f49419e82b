using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Cli.Commands;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Output;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Http;

/// <summary>
/// The local HTTP API on 127.0.0.1, with the deployed API's routes (functions/README.md "Contracts (API)") and a few
/// more for officers and auditors. Every call needs a bearer token; each role has its own (see <see cref="ApiTokens"/>).
/// </summary>
public sealed class ApiServer : IDisposable
{
    private const int MaxBodyBytes = 64 * 1024;

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
        var path = request.Url?.AbsolutePath.TrimEnd('/') ?? string.Empty;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        string? requestId = segments is ["requests", var id, ..] ? id : null;
        int status;
        try
        {
            var role = Authenticate(request);
            var (code, body) = await RouteAsync(request.HttpMethod, segments, role, request, cancellationToken);
            requestId ??= body is JsonObject json && json["requestId"] is JsonValue rid && rid.TryGetValue(out string? text) ? text : null;
            status = code;
            await WriteAsync(context.Response, code, body);
        }
        catch (Exception failure)
        {
            (status, var error) = Failure(failure);
            await WriteAsync(context.Response, status, error, status == 401 ? "Bearer realm=\"gdpr\"" : null);
        }

        log(requestId, $"{request.HttpMethod} {path} {status} {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms");
    }

    private ApiRole Authenticate(HttpListenerRequest request)
    {
        var header = request.Headers["Authorization"];
        var token = header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        return tokens.RoleOf(token) ?? throw new ApiException(401, "unauthorized",
            "A bearer token is required: 'Authorization: Bearer <token>', the token from api-token (officers), api-token-system or api-token-auditor in the data directory.");
    }

    private async Task<(int Status, JsonNode? Body)> RouteAsync(string method, string[] segments, ApiRole role, HttpListenerRequest request, CancellationToken cancellationToken)
    {
        var services = host.Services;
        switch (method, segments)
        {
            case ("POST", ["requests"]):
                Require(role, ApiRole.Officer);
                return (201, await SubmitAsync(await BodyAsync(request), cancellationToken));
            case ("GET", ["requests"]):
                Require(role, ApiRole.Officer, ApiRole.Auditor);
                return (200, await ListAsync(request, cancellationToken));
            case ("GET", ["requests", var id]):
                Require(role, ApiRole.Officer, ApiRole.Auditor);
                return (200, ToNode(StatusCommand.Json(await services.Status.GetAsync(id, cancellationToken))));
            case ("GET", ["requests", var id, "history"]):
                Require(role, ApiRole.Officer, ApiRole.Auditor);
                return (200, ToNode(await services.History.GetAsync(id, cancellationToken)));
            case ("POST", ["requests", var id, "cancel"]):
                Require(role, ApiRole.Officer);
                var cancel = await BodyAsync(request);
                var cancelled = await services.Cancel.CancelAsync(id, Actor(cancel), Text(cancel, "reason"), cancellationToken);
                return (200, ToNode(new { requestId = cancelled.RequestId, status = cancelled.Status.ToString(), cancelledNow = cancelled.CancelledNow, workflow = cancelled.Workflow.ToString() }));
            case ("POST", ["requests", var id, "verification"]):
                Require(role, ApiRole.Officer);
                var decision = await BodyAsync(request);
                var verified = decision["verified"]?.GetValueKind() == JsonValueKind.True;
                var code = verified ? Text(decision, "method") : Text(decision, "reason");
                if (code is null)
                {
                    throw new InvalidInputException(verified ? "'method' is required with verified: true." : "'reason' is required with verified: false.");
                }

                return (200, ToNode(await services.TaskCallbacks.DecideIdentityAsync(id, verified, code, Actor(decision), cancellationToken)));
            case ("POST", ["requests", var id, "extension"]):
                Require(role, ApiRole.Officer);
                var extension = await BodyAsync(request);
                var months = extension["months"] is JsonValue m && m.TryGetValue(out int n) ? n : throw new InvalidInputException("'months' must be 1 or 2.");
                var view = await services.Deadline.ExtendAsync(id, months, Text(extension, "reason") ?? string.Empty, Actor(extension), cancellationToken);
                return (200, ToNode(StatusCommand.Json(view)));
            case ("POST", ["tasks", "callback"]):
                Require(role, ApiRole.System);
                return (200, await CallbackAsync(await BodyAsync(request), cancellationToken));
            case ("GET", ["tasks"]):
                Require(role, ApiRole.System, ApiRole.Officer);
                var system = request.QueryString["system"];
                return (200, ToNode(new { tasks = host.Inbox.Open(system).Select(t => new { taskToken = t.TaskToken, requestId = t.RequestId, system = t.System, receivedAt = t.ReceivedAt, dueAt = t.DueAt }) }));
            case ("GET", ["audit", "verify"]):
                Require(role, ApiRole.Auditor, ApiRole.Officer);
                var target = request.QueryString["request"] ?? throw new InvalidInputException("?request=<id> is required.");
                var chain = await services.Audit.VerifyAsync(target, cancellationToken: cancellationToken);
                if (chain.EventCount == 0)
                {
                    throw new NotFoundException($"There is no audit trail for request {target}.");
                }

                return (200, ToNode(new { requestId = target, verified = chain.Ok, events = chain.EventCount, chainBreak = chain.Break?.Description }));
            case ("POST", [ServeRelay.Route]):
                // Another gdpr process's command that changes requests, run on this engine (see ServeForwarder).
                var relayed = ServeRelay.Read(await BodyAsync(request));
                Require(role, relayed.Role);
                return (200, await relayed.RunAsync(host, cancellationToken));
            default:
                throw new ApiException(404, "not_found", $"No route {method} /{string.Join('/', segments)}. Routes: POST /requests, GET /requests, GET /requests/{{id}}, GET /requests/{{id}}/history, POST /requests/{{id}}/cancel, POST /requests/{{id}}/verification, POST /requests/{{id}}/extension, POST /tasks/callback, GET /tasks, GET /audit/verify?request={{id}}.");
        }
    }

    private async Task<JsonNode?> SubmitAsync(JsonObject body, CancellationToken cancellationToken)
    {
        var identifiers = body["identifiers"] is JsonArray array
            ? array.Select((item, i) => new IdentifierInput(Text(item as JsonObject, "kind") ?? string.Empty, Text(item as JsonObject, "value") ?? string.Empty, Text(item as JsonObject, "key"))).ToList()
            : throw new InvalidInputException("'identifiers' must be an array of {kind, value}.");
        var submission = new IntakeSubmission(
            identifiers,
            Text(body, "channel") ?? "api",
            body["requesterAuthenticated"]?.GetValueKind() == JsonValueKind.True,
            Text(body, "idempotencyKey"),
            Text(body, "jurisdiction"));
        var intake = Text(body, "receivedAt") is { } received ? host.Services.IntakeReceivedAt(Arguments.Instant(received, "receivedAt")) : host.Services.Intake;
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
        var size = int.TryParse(request.QueryString["pageSize"], out var n) ? n : StatusService.DefaultPageSize;
        var next = request.QueryString["next"];
        var page = request.QueryString["status"] is { } statusName
            ? await host.Services.Status.ListByStatusAsync(
                Erasure.Requests.RequestStatuses.TryParse(statusName, out var status) ? status : throw new InvalidInputException($"'status' {statusName} is not a request status."),
                size, next, cancellationToken)
            : await host.Services.Status.ListOpenAsync(size, next, cancellationToken);
        return ToNode(new { items = page.Items, next = page.ContinuationToken });
    }

    private async Task<JsonNode?> CallbackAsync(JsonObject body, CancellationToken cancellationToken)
    {
        var token = Text(body, "taskToken") ?? throw new InvalidInputException("'taskToken' is required.");
        var task = host.Inbox.Open().FirstOrDefault(t => t.TaskToken == token);
        string answer;
        if (body["heartbeat"]?.GetValueKind() == JsonValueKind.True)
        {
            await host.Services.TaskCallbacks.HeartbeatAsync(token, cancellationToken);
            answer = "heartbeat";
        }
        else if (Text(body, "error") is { } error)
        {
            await host.Services.TaskCallbacks.FailAsync(token, error, cancellationToken);
            host.Inbox.MarkAnswered(token, "failed");
            answer = "failed";
        }
        else
        {
            await host.Services.TaskCallbacks.CompleteAsync(token, ErasureAnswer.FromJson(body), cancellationToken);
            host.Inbox.MarkAnswered(token, "succeeded");
            answer = "succeeded";
        }

        return ToNode(new { delivered = true, answer, requestId = task?.RequestId, system = task?.System });
    }

    private static void Require(ApiRole role, params ApiRole[] allowed)
    {
        if (!allowed.Contains(role))
        {
            throw new ApiException(403, "forbidden", $"The {role.ToString().ToLowerInvariant()} token may not call this route; it needs the token of: {string.Join(" or ", allowed.Select(a => a.ToString().ToLowerInvariant()))}.");
        }
    }

    private static string Actor(JsonObject body) => Text(body, "officer") ?? "api";

    private static string? Text(JsonObject? body, string field) => body?[field] is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    private static async Task<JsonObject> BodyAsync(HttpListenerRequest request)
    {
        if (request.ContentLength64 > MaxBodyBytes)
        {
            throw new ApiException(413, "too_large", $"The body is larger than {MaxBodyBytes} bytes.");
        }

        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new InvalidInputException("The body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"The body is not valid JSON: {e.Message}");
        }
    }

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

    private static async Task WriteAsync(HttpListenerResponse response, int status, JsonNode? body, string? authenticate = null)
    {
        try
        {
            response.StatusCode = status;
            response.ContentType = "application/json; charset=utf-8";
            if (authenticate is not null)
            {
                response.AddHeader("WWW-Authenticate", authenticate);
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
    }
}
