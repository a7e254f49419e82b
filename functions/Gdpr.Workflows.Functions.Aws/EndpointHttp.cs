namespace Gdpr.Workflows.Functions.Aws;

/// <summary>The HttpClient connectors and webhooks share in one execution environment.</summary>
public static class EndpointHttp
{
    /// <summary>Pooled connections renewed every few minutes (DNS changes reach us); each call sets its own timeout.</summary>
    public static HttpClient Create() => new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
