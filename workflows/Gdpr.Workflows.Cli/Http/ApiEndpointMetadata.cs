namespace Gdpr.Workflows.Cli.Http;

/// <summary>
/// Marks an endpoint as a JSON API route and names the methods it answers (the API's endpoints take every method and
/// answer 405 themselves, so routing's own method metadata cannot say it). The OpenAPI tests read it.
/// </summary>
internal sealed record ApiEndpointMetadata(IReadOnlyList<string> Methods);
