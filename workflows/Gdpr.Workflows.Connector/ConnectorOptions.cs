using Amazon.Runtime;
using Gdpr.Workflows.Aws.Http;

namespace Gdpr.Workflows.Connector;

/// <summary>Where the erasure API is and how the connector authenticates to it.</summary>
public sealed class ConnectorOptions
{
    /// <summary>The API's base address: <c>gdpr serve</c>'s URL (serve.json), or the stack's ApiEndpoint output.</summary>
    public required Uri ApiBaseUri { get; init; }

    /// <summary>The system's name in the registry.</summary>
    public required string System { get; init; }

    /// <summary>Local host: the system's token (<c>$GDPR_HOME/api-token-system-&lt;name&gt;</c>). Leave null with <see cref="AwsCredentials"/>.</summary>
    public string? BearerToken { get; init; }

    /// <summary>Deployed stack: the team's IAM role's credentials; requests are signed with SigV4 (service execute-api).</summary>
    public AWSCredentials? AwsCredentials { get; init; }

    /// <summary>With <see cref="AwsCredentials"/>: the stack's region.</summary>
    public string? AwsRegion { get; init; }

    /// <summary>How many times an answer is tried when the API cannot be reached or answers 408, 429 or 5xx.</summary>
    public int AnswerAttempts { get; init; } = 6;

    /// <summary>The first retry's delay; later ones back off exponentially, with jitter.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A pull's long-poll wait (at most 20 s).</summary>
    public TimeSpan PollWait { get; init; } = TimeSpan.FromSeconds(20);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Sends the connector's calls; null for a default handler.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    internal HttpClient CreateHttpClient()
    {
        var inner = HttpHandler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        HttpMessageHandler handler = AwsCredentials is not null
            ? new AwsSigV4Handler(AwsCredentials, AwsRegion ?? throw new InvalidOperationException("AwsRegion is required with AwsCredentials."), "execute-api", Time) { InnerHandler = inner }
            : inner;
        var http = new HttpClient(handler) { BaseAddress = ApiBaseUri, Timeout = PollWait + TimeSpan.FromSeconds(15) };
        if (BearerToken is not null)
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", BearerToken);
        }
        else if (AwsCredentials is null)
        {
            throw new InvalidOperationException("Give BearerToken (local host) or AwsCredentials (deployed stack).");
        }

        return http;
    }
}
