namespace Gdpr.Workflows.WebConsole.Backends;

/// <summary>
/// The deployed stack a <c>gdpr serve --aws</c> console shows: named on a banner on every page, so an officer never
/// takes it for a local data directory (or for another stage's stack).
/// </summary>
/// <param name="ApiUrl">The stack's HTTP API, which the actions call.</param>
/// <param name="Region">The AWS region of its tables.</param>
/// <param name="Tables">The table prefix given (--table-prefix), or the Requests table's name when the names came one by one.</param>
public sealed record DeployedStack(Uri ApiUrl, string Region, string Tables)
{
    /// <summary>The banner's sentence.</summary>
    public string Describe(string? registrySource) =>
        $"Deployed stack: API {ApiUrl.Host}, region {Region}, tables {Tables}"
        + (registrySource is null ? string.Empty : $", systems from {registrySource}")
        + ". Changes here are made on that stack, not in a local data directory.";
}
