using Amazon.Runtime;

namespace Gdpr.Workflows.Aws;

/// <summary>Where and as whom an AWS client talks: region, endpoint, credentials and transport.</summary>
public sealed class AwsClientOptions
{
    /// <summary>The signing region, e.g. <c>eu-west-1</c>.</summary>
    public required string Region { get; init; }

    /// <summary>A custom endpoint (e.g. <c>http://127.0.0.1:5000/</c> for moto); null for the service's regional endpoint.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>Credentials; null resolves them with <see cref="AwsCredentialsResolver"/> from the process environment.</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>Transport (tests); null for a pooled <see cref="SocketsHttpHandler"/>. A supplied handler is not disposed.</summary>
    public HttpMessageHandler? HttpMessageHandler { get; init; }

    /// <summary>Clock for the signature's timestamp.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Per-request timeout, as <see cref="HttpClient.Timeout"/>.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Options from the environment, as the AWS SDKs read it: region from <c>AWS_REGION</c> or <c>AWS_DEFAULT_REGION</c>;
    /// endpoint from <c>AWS_ENDPOINT_URL_{serviceEnvironmentKey}</c> or <c>AWS_ENDPOINT_URL</c>; credentials as
    /// <see cref="AwsCredentialsResolver.Resolve"/> finds them.
    /// </summary>
    /// <param name="serviceEnvironmentKey">The service's key in endpoint variables: <c>SFN</c>, <c>SNS</c>.</param>
    /// <param name="getVariable">Reads a variable; null for the process environment.</param>
    public static AwsClientOptions FromEnvironment(string serviceEnvironmentKey, Func<string, string?>? getVariable = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceEnvironmentKey);
        getVariable ??= Environment.GetEnvironmentVariable;
        var region = NonEmpty(getVariable("AWS_REGION")) ?? NonEmpty(getVariable("AWS_DEFAULT_REGION"))
            ?? throw new InvalidOperationException("No AWS region: set AWS_REGION (or AWS_DEFAULT_REGION).");
        var endpoint = NonEmpty(getVariable("AWS_ENDPOINT_URL_" + serviceEnvironmentKey)) ?? NonEmpty(getVariable("AWS_ENDPOINT_URL"));
        return new AwsClientOptions
        {
            Region = region,
            Endpoint = endpoint is null ? null : new Uri(endpoint, UriKind.Absolute),
            Credentials = AwsCredentialsResolver.Resolve(getVariable),
        };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
