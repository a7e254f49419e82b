using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.Hosting.HttpApi;
using Gdpr.Workflows.Local;
using Gdpr.Workflows.Local.Composition;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gdpr.Workflows.Cli.Tests.Support;

/// <summary>
/// A deployed stack's HTTP API on 127.0.0.1, as API Gateway with the IAM authorizer stands in front of the functions:
/// every call must carry a valid SigV4 signature (service execute-api) by the one known key, else 403
/// <c>{"message":"Forbidden"}</c>; a route the stack does not have is API Gateway's 404 <c>{"message":"Not Found"}</c>;
/// a route it has becomes the HTTP API v2 event and is answered by the real function class (Intake, Status, Cancel,
/// TaskCallback, Refusal) over <paramref name="host"/>'s services, with the signer's identity as the caller.
/// </summary>
public sealed class SigV4FrontDoor : IAsyncDisposable
{
    public const string AccessKey = "AKIAOFFICER0000TEST1";
    public const string SecretKey = "officer-secret-key-for-the-front-door";
    public const string CallerArn = "arn:aws:sts::123456789012:assumed-role/gdpr-officer/olivia";

    private static readonly string[] Routes =
    [
        "POST /requests|Intake", "GET /requests/{requestId}|Status", "POST /requests/{requestId}/cancel|Cancel", "POST /requests/{requestId}/verification|TaskCallback",
        "POST /requests/{requestId}/refusal|Refusal",
    ];

    private readonly WebApplication app;

    private SigV4FrontDoor(WebApplication app, Uri url, string region)
    {
        this.app = app;
        Url = url;
        Region = region;
    }

    public Uri Url { get; }

    public string Region { get; }

    /// <summary>Every call that reached a function, as "METHOD path" (signed and checked).</summary>
    public ConcurrentQueue<string> Answered { get; } = new();

    /// <summary>Every call refused: bad or missing signature ("403 ...") or no such route ("404 ...").</summary>
    public ConcurrentQueue<string> Refused { get; } = new();

    /// <param name="subjectHasher">How Intake hashes subjects, as the stack's own (e.g. KMS GenerateMac); null for the host's.</param>
    public static async Task<SigV4FrontDoor> StartAsync(LocalHost host, string region, ISubjectHasher? subjectHasher = null)
    {
        var functions = new Dictionary<string, IJsonFunction>(LocalFunctions.Functions(host.Services), StringComparer.Ordinal);
        if (subjectHasher is not null)
        {
            var hashedByTheStack = new LocalServices(host.Ports with { SubjectHasher = subjectHasher });
            functions[LocalFunctions.Prefix + "Intake"] = LocalFunctions.Functions(hashedByTheStack)[LocalFunctions.Prefix + "Intake"];
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        SigV4FrontDoor? door = null;
        foreach (var route in Routes)
        {
            var (routeKey, function) = (route.Split('|')[0], route.Split('|')[1]);
            var (method, path) = (routeKey.Split(' ')[0], routeKey.Split(' ')[1]);
            app.MapMethods(path, [method], (HttpContext http) => door!.InvokeAsync(http, routeKey, functions[LocalFunctions.Prefix + function]));
        }

        app.MapFallback(async (HttpContext http) =>
        {
            if (await door!.AuthorisedAsync(http) is not null)
            {
                door.Refused.Enqueue($"404 {http.Request.Method} {http.Request.Path}");
                http.Response.StatusCode = 404;
                await http.Response.WriteAsJsonAsync(new JsonObject { ["message"] = "Not Found" });
            }
        });
        await app.StartAsync();
        door = new SigV4FrontDoor(app, new Uri(app.Urls.First().TrimEnd('/') + "/"), region);
        return door;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task InvokeAsync(HttpContext http, string routeKey, IJsonFunction function)
    {
        var body = await AuthorisedAsync(http);
        if (body is null)
        {
            return;
        }

        var parameters = http.Request.RouteValues.Where(v => v.Value is string).ToDictionary(v => v.Key, v => (string)v.Value!, StringComparer.Ordinal);
        var headers = http.Request.Headers.Where(h => h.Key != "Authorization").ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
        var apiEvent = HttpApiEvent.Create(routeKey, http.Request.Path.Value ?? string.Empty, parameters, headers, body.Length == 0 ? null : Encoding.UTF8.GetString(body), CallerArn);
        var response = (JsonObject)(await function.HandleAsync(apiEvent, http.RequestAborted))!;
        Answered.Enqueue($"{http.Request.Method} {http.Request.Path}");
        http.Response.StatusCode = response["statusCode"]!.GetValue<int>();
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(response["body"]?.GetValue<string>() ?? string.Empty, http.RequestAborted);
    }

    /// <summary>The body when the call's SigV4 signature is the one the known key makes of it; otherwise answers 403 and returns null.</summary>
    private async Task<byte[]?> AuthorisedAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        var body = buffer.ToArray();
        var given = http.Request.Headers.Authorization.ToString();
        var date = http.Request.Headers["X-Amz-Date"].ToString();
        string? expected = null;
        if (given.StartsWith($"AWS4-HMAC-SHA256 Credential={AccessKey}/", StringComparison.Ordinal)
            && DateTime.TryParseExact(date, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            var url = new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.Path}{http.Request.QueryString}");
            var signing = new AWSSigningRequest { HttpMethod = new HttpMethod(http.Request.Method), RequestUri = url, Content = body };
            if (http.Request.ContentType is { } contentType)
            {
                signing.Headers["Content-Type"] = contentType;
            }

            var signed = await AWSSigV4Signer.SignAsync(
                signing,
                new AWSSigV4Parameters { Credentials = new BasicAWSCredentials(AccessKey, SecretKey), Region = RegionEndpoint.GetBySystemName(Region), Service = "execute-api", SignPayload = true, SignedAt = signedAt },
                http.RequestAborted);
            expected = signed.Headers.FirstOrDefault(h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)).Value;
        }

        if (expected is null || !string.Equals(expected, given, StringComparison.Ordinal))
        {
            Refused.Enqueue($"403 {http.Request.Method} {http.Request.Path}");
            http.Response.StatusCode = 403;
            await http.Response.WriteAsJsonAsync(new JsonObject { ["message"] = "Forbidden" });
            return null;
        }

        return body;
    }
}
