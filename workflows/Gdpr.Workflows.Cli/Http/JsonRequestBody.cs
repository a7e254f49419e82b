using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Gdpr.Workflows.Cli.Http;

/// <summary>
/// A route's JSON body, read within <see cref="ApiLimits"/>: JSON in UTF-8 only (415 otherwise), at most
/// <see cref="ApiLimits.MaxBodyBytes"/> whether it has a length or is chunked (413), nested at most
/// <see cref="ApiLimits.MaxJsonDepth"/> deep, an object (400 otherwise).
/// </summary>
internal static class JsonRequestBody
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<JsonObject> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!HasBody(request))
        {
            return [];
        }

        if (!IsJson(request.ContentType))
        {
            await DrainAsync(request.Body, cancellationToken);
            throw new ApiException(415, "unsupported_media_type", "The body must be JSON in UTF-8: send 'Content-Type: application/json'.");
        }

        if (request.ContentLength > ApiLimits.MaxBodyBytes)
        {
            await DrainAsync(request.Body, cancellationToken);
            throw TooLarge();
        }

        // Read at most one byte more than the limit: a chunked body has no length to check up front.
        var buffer = new byte[ApiLimits.MaxBodyBytes + 1];
        var length = 0;
        int read;
        try
        {
            while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge();
        }

        if (length > ApiLimits.MaxBodyBytes)
        {
            await DrainAsync(request.Body, cancellationToken);
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
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = ApiLimits.MaxJsonDepth }) as JsonObject
                ?? throw new InvalidInputException("The body must be a JSON object.");
        }
        catch (JsonException e)
        {
            // System.Text.Json's message names the line and byte of the problem and quotes no more than a character of the input.
            throw new InvalidInputException($"The body is not valid JSON: {e.Message}");
        }
    }

    /// <summary>Whether the request carries a body: a length above zero, or chunked.</summary>
    public static bool HasBody(HttpRequest request) =>
        request.ContentLength is > 0
        || (request.ContentLength is null && request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true);

    public static bool IsJson(string? contentType)
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

    private static ApiException TooLarge() => new(413, "too_large", $"The body is larger than {ApiLimits.MaxBodyBytes} bytes.");

    /// <summary>Reads and drops what is left of a refused body (up to Kestrel's limit), so the client reads the answer instead of a reset connection.</summary>
    private static async Task DrainAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        try
        {
            while (await body.ReadAsync(buffer, cancellationToken) > 0)
            {
            }
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException)
        {
            // The client stopped sending, or sent more than Kestrel takes; the answer still goes out if it can.
        }
    }
}
