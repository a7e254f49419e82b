using System.Net.Http.Headers;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace Gdpr.Workflows.Aws.Http;

/// <summary>
/// Signs every request it sends with Signature Version 4 (AWSSDK.Core's <see cref="AWSSigV4Signer"/>, as
/// <see cref="AwsSignedHttpClient"/> does), for any method and path: e.g. service <c>execute-api</c> for an API
/// Gateway API with the IAM authorizer. Credentials are read per request, so refreshing ones keep working.
/// </summary>
public sealed class AwsSigV4Handler(AWSCredentials credentials, string region, string service, TimeProvider? time = null) : DelegatingHandler
{
    private readonly RegionEndpoint regionEndpoint = RegionEndpoint.GetBySystemName(region);
    private readonly TimeProvider clock = time ?? TimeProvider.System;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var signing = new AWSSigningRequest { HttpMethod = request.Method, RequestUri = request.RequestUri!, Content = body };
        if (request.Content?.Headers.ContentType is { } contentType)
        {
            signing.Headers["Content-Type"] = contentType.ToString();
        }

        var signed = await AWSSigV4Signer.SignAsync(
            signing,
            new AWSSigV4Parameters { Credentials = credentials, Region = regionEndpoint, Service = service, SignPayload = true, SignedAt = clock.GetUtcNow().UtcDateTime },
            cancellationToken);
        foreach (var (name, value) in signed.Headers)
        {
            if (!name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Remove(name);
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (request.Content is not null)
        {
            // The signed bytes are what is sent.
            var content = new ByteArrayContent(body);
            foreach (var header in request.Content.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            content.Headers.ContentLength = body.Length;
            request.Content = content;
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
