using System.Collections.Frozen;
using Gdpr.Workflows.WebConsole.Html;
using Microsoft.AspNetCore.Http;

namespace Gdpr.Workflows.WebConsole.Assets;

/// <summary><c>GET /assets/{name}</c>: the stylesheet and script, embedded in this assembly.</summary>
public static class ConsoleAssets
{
    private static readonly FrozenDictionary<string, (byte[] Bytes, string Type)> Files = Load();

    public static async Task HandleAsync(HttpContext context, string name)
    {
        if (!Files.TryGetValue(name, out var file))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        Layout.SecurityHeaders(context.Response);
        context.Response.Headers.CacheControl = "private, max-age=300";
        context.Response.ContentType = file.Type;
        context.Response.ContentLength = file.Bytes.Length;
        await context.Response.Body.WriteAsync(file.Bytes, context.RequestAborted);
    }

    /// <summary>The bytes of an embedded asset (for page-weight figures and tests); null when there is none.</summary>
    public static byte[]? Find(string name) => Files.TryGetValue(name, out var file) ? file.Bytes : null;

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("assets/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource["assets/".Length..];
            files[name] = (copy.ToArray(), name.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
