using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Gdpr.Workflows.TestSupport.LambdaRuntime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Gdpr.Workflows.DeployedLocally;

/// <summary>
/// What stands in front of the functions on AWS, over HTTPS on 127.0.0.1 with the test CA's certificate:
/// Lambda's Invoke API (<c>POST /2015-03-31/functions/{name}/invocations</c>, what the engine calls for Lambda Task
/// states and what the EventBridge rules and schedules are emulated with), the HTTP API's routes of template.yaml
/// (each request turned into the HTTP API v2 event the route's function receives), and the sync system's erase
/// endpoint that the crm connector secret points at.
/// </summary>
internal sealed class FrontDoor : IAsyncDisposable
{
    /// <summary>The IAM caller the HTTP API reports (the API is IAM-authorised; signatures are not checked here).</summary>
    public const string OfficerArn = "arn:aws:sts::123456789012:assumed-role/gdpr-officer/deployed-locally";

    private readonly WebApplication _app;
    private int _erased;

    private FrontDoor(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>How many erase calls the sync system answered.</summary>
    public int SyncErasures => Volatile.Read(ref _erased);

    public static async Task<FrontDoor> StartAsync(X509Certificate2 certificate, Functions functions)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        FrontDoor? door = null;
        app.MapPost("/2015-03-31/functions/{name}/invocations", (string name, HttpContext http) => InvokeAsync(functions, name, http));
        foreach (var (function, method, path) in functions.HttpRoutes)
        {
            app.MapMethods(path, [method], (HttpContext http) => RouteAsync(function, method, path, http));
        }

        app.MapPost("/connector/{system}", (string system, HttpContext http) => door!.EraseAsync(system, http));
        await app.StartAsync();
        var url = new Uri(app.Urls.Single().Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        door = new FrontDoor(app, url);
        return door;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task InvokeAsync(Functions functions, string name, HttpContext http)
    {
        if (!functions.TryFind(name, out var runtime))
        {
            http.Response.StatusCode = 404;
            await http.Response.WriteAsJsonAsync(new JsonObject { ["Type"] = "User", ["Message"] = $"Function not found: {name}" }, http.RequestAborted);
            return;
        }

        var payload = await ReadBodyAsync(http.Request);
        var report = await runtime.InvokeAsync(payload, "Lambda Invoke", http.RequestAborted);
        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json";
        if (report.Kind != FakeReportKind.Response)
        {
            http.Response.Headers["X-Amz-Function-Error"] = "Unhandled";
        }

        await http.Response.Body.WriteAsync(report.Body, http.RequestAborted);
    }

    private static async Task RouteAsync(FunctionRuntime function, string method, string path, HttpContext http)
    {
        var body = await ReadBodyAsync(http.Request);
        var pathParameters = new JsonObject();
        foreach (var (key, value) in http.Request.RouteValues)
        {
            pathParameters[key] = value?.ToString();
        }

        var headers = new JsonObject();
        foreach (var (key, value) in http.Request.Headers)
        {
            headers[key.ToLowerInvariant()] = value.ToString();
        }

        var routeKey = $"{method} {path}";
        var requestContext = new JsonObject
        {
            ["accountId"] = "123456789012",
            ["apiId"] = "deployedlocally",
            ["authorizer"] = new JsonObject { ["iam"] = new JsonObject { ["userArn"] = OfficerArn, ["accountId"] = "123456789012" } },
            ["http"] = new JsonObject
            {
                ["method"] = method,
                ["path"] = http.Request.Path.Value,
                ["protocol"] = http.Request.Protocol,
                ["sourceIp"] = http.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1",
                ["userAgent"] = http.Request.Headers.UserAgent.ToString(),
            },
            ["requestId"] = Guid.NewGuid().ToString(),
            ["routeKey"] = routeKey,
            ["stage"] = "$default",
            ["time"] = DateTimeOffset.UtcNow.ToString("dd/MMM/yyyy:HH:mm:ss zzz", CultureInfo.InvariantCulture),
        };
        var apiEvent = new JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = routeKey,
            ["rawPath"] = http.Request.Path.Value,
            ["rawQueryString"] = http.Request.QueryString.Value?.TrimStart('?') ?? string.Empty,
            ["headers"] = headers,
            ["pathParameters"] = pathParameters.Count == 0 ? null : pathParameters,
            ["requestContext"] = requestContext,
            ["body"] = body.Length == 0 ? null : Encoding.UTF8.GetString(body),
            ["isBase64Encoded"] = false,
        };
        var report = await function.InvokeAsync(Encoding.UTF8.GetBytes(apiEvent.ToJsonString()), $"{method} {http.Request.Path}", http.RequestAborted);
        if (report.Kind != FakeReportKind.Response || report.BodyJson is not JsonObject response)
        {
            // What API Gateway answers when the integration fails.
            http.Response.StatusCode = 500;
            await http.Response.WriteAsJsonAsync(new JsonObject { ["message"] = "Internal Server Error" }, http.RequestAborted);
            return;
        }

        http.Response.StatusCode = response["statusCode"]?.GetValue<int>() ?? 200;
        if (response["headers"] is JsonObject responseHeaders)
        {
            foreach (var (key, value) in responseHeaders)
            {
                http.Response.Headers[key] = value?.ToString();
            }
        }

        await http.Response.WriteAsync(response["body"]?.GetValue<string>() ?? string.Empty, http.RequestAborted);
    }

    /// <summary>The sync system: erases whatever it is asked to, once it sees the connector secret's header.</summary>
    private async Task EraseAsync(string system, HttpContext http)
    {
        var request = JsonNode.Parse(await ReadBodyAsync(http.Request));
        if (http.Request.Headers.Authorization != $"Bearer {StackResources.ConnectorToken}" || request?["requestId"] is null)
        {
            http.Response.StatusCode = 401;
            return;
        }

        var reference = string.Create(CultureInfo.InvariantCulture, $"{system}-{Interlocked.Increment(ref _erased)}");
        await http.Response.WriteAsJsonAsync(new JsonObject { ["outcome"] = "erased", ["reference"] = reference }, http.RequestAborted);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }
}
