using Amazon.SQS;

namespace Gdpr.Workflows.Connector;

/// <summary>
/// A system's connector: one handler, receiving by pull, SQS or webhook, answering through the API.
/// <code>
/// using var connector = new ErasureConnector(new ConnectorOptions { ApiBaseUri = url, System = "support-desk", BearerToken = token }, handler);
/// await connector.PullAsync(stoppingToken);
/// </code>
/// </summary>
public sealed class ErasureConnector : IDisposable
{
    public ErasureConnector(ConnectorOptions options, IErasureHandler handler)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Api = new ErasureApiClient(options);
        Runner = new ErasureTaskRunner(Api, handler, options);
    }

    public ConnectorOptions Options { get; }

    public ErasureApiClient Api { get; }

    public ErasureTaskRunner Runner { get; }

    /// <summary>Pull: long-poll the API until stopped.</summary>
    public Task PullAsync(CancellationToken cancellationToken) => new PullReceiver(Api, Runner, Options).RunAsync(cancellationToken);

    /// <summary>One pull: what waits now (or arrives within <paramref name="wait"/>), each run to its answer.</summary>
    public Task<IReadOnlyList<TaskRun>> PollOnceAsync(TimeSpan wait, CancellationToken cancellationToken = default) =>
        new PullReceiver(Api, Runner, Options).PollOnceAsync(wait, cancellationToken);

    /// <summary>Queue: receive from the system's SQS queue until stopped.</summary>
    public SqsReceiver Sqs(IAmazonSQS sqs, string queueUrl) => new(sqs, queueUrl, Runner);

    /// <summary>Push: a webhook receiver checking signatures with <paramref name="secret"/>, listening on <paramref name="prefix"/>.</summary>
    public WebhookReceiver Webhook(byte[] secret, Uri listenOn) => new(secret, listenOn, Runner, Options.Time);

    public void Dispose() => Api.Dispose();
}
