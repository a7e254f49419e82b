namespace Gdpr.Workflows.Functions.Status.HttpApi;

/// <summary>The parts of an API Gateway HTTP API event (payload format 2.0) this function reads.</summary>
internal sealed record HttpApiRequest
{
    public string? Version { get; init; }

    /// <summary>E.g. <c>GET /requests/{requestId}</c>.</summary>
    public string? RouteKey { get; init; }

    public string? RawPath { get; init; }

    public IReadOnlyDictionary<string, string>? PathParameters { get; init; }
}
