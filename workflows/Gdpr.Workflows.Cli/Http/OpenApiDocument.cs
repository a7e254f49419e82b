using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gdpr.Workflows.Cli.Http;

/// <summary>
/// <c>GET /openapi.json</c>: the API's OpenAPI 3.1 document, docs/openapi.json of the repository embedded in the tool
/// at build time (the same bytes). It is kept by hand; tests compare it with the host's endpoints and real answers.
/// No token is needed: it describes the routes, it holds no data.
/// </summary>
internal static class OpenApiDocument
{
    public const string Path = "/openapi.json";

    /// <summary>The embedded resource's name (Gdpr.Workflows.Cli.csproj).</summary>
    private const string ResourceName = "Gdpr.Workflows.Cli.openapi.json";

    private static readonly Lazy<byte[]> Document = new(Load);

    public static ReadOnlyMemory<byte> Bytes => Document.Value;

    public static void MapOpenApi(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, ServeAsync).WithMetadata(new ApiEndpointMetadata([HttpMethods.Get]));

    private static async Task ServeAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = Document.Value.Length;
        await context.Response.Body.WriteAsync(Document.Value, context.RequestAborted);
    }

    private static byte[] Load()
    {
        using var stream = typeof(OpenApiDocument).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The tool was built without its {ResourceName} resource.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
