using System.Globalization;
using Gdpr.Workflows.Aws.Http;

namespace Gdpr.Workflows.Aws.Sns;

/// <summary>
/// SNS Publish (and CreateTopic, for local stacks and tests) over HttpClient with SigV4 (service <c>sns</c>, query protocol).
/// Errors throw <see cref="AwsServiceException"/> with AWS's code (e.g. <c>NotFound</c>, <c>InvalidParameter</c>).
/// </summary>
public sealed class SnsClient : IDisposable
{
    private readonly AwsSignedHttpClient _http;
    private readonly AwsQueryProtocol _protocol;

    public SnsClient(AwsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = new AwsSignedHttpClient(options, signingService: "sns", endpointPrefix: "sns");
        _protocol = new AwsQueryProtocol(_http, "2010-03-31");
    }

    /// <summary>A client configured from AWS_REGION, AWS_ENDPOINT_URL_SNS / AWS_ENDPOINT_URL and the credential chain.</summary>
    public static SnsClient FromEnvironment() => new(AwsClientOptions.FromEnvironment("SNS"));

    public Uri Endpoint => _http.Endpoint;

    /// <summary>Publishes the message and returns its MessageId.</summary>
    public Task<string> PublishAsync(SnsPublishRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _protocol.CallAsync("Publish", PublishParameters(request), "MessageId", cancellationToken);
    }

    /// <summary>Creates the topic (or returns the existing one's ARN: CreateTopic is idempotent).</summary>
    public Task<string> CreateTopicAsync(string name, CancellationToken cancellationToken = default) =>
        _protocol.CallAsync("CreateTopic", [new("Name", name)], "TopicArn", cancellationToken);

    public void Dispose() => _http.Dispose();

    internal static List<KeyValuePair<string, string>> PublishParameters(SnsPublishRequest request)
    {
        var parameters = new List<KeyValuePair<string, string>> { new("TopicArn", request.TopicArn), new("Message", request.Message) };
        AddIfPresent(parameters, "Subject", request.Subject);
        AddIfPresent(parameters, "MessageGroupId", request.MessageGroupId);
        AddIfPresent(parameters, "MessageDeduplicationId", request.MessageDeduplicationId);
        var entry = 0;
        foreach (var (name, attribute) in request.MessageAttributes ?? new Dictionary<string, SnsMessageAttribute>())
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"MessageAttributes.entry.{++entry}.");
            parameters.Add(new(prefix + "Name", name));
            parameters.Add(new(prefix + "Value.DataType", attribute.DataType));
            parameters.Add(new(prefix + "Value.StringValue", attribute.StringValue));
        }

        return parameters;
    }

    private static void AddIfPresent(List<KeyValuePair<string, string>> parameters, string name, string? value)
    {
        if (value is not null)
        {
            parameters.Add(new(name, value));
        }
    }
}
