using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Integrations.Lambda;

/// <summary>
/// In-memory <see cref="ILambdaFunctionRegistry"/>. References without region or account are completed with
/// this registry's defaults when an ARN must be shown (the invoked ARN, the not-found message).
/// </summary>
public sealed class LambdaFunctionRegistry(string region = "us-east-1", string accountId = "123456789012", string partition = "aws")
    : ILambdaFunctionRegistry
{
    private readonly ConcurrentDictionary<(string Name, string Qualifier), ImmutableBindingList> bindings = new();

    public string Region { get; } = region;

    public string AccountId { get; } = accountId;

    public string Partition { get; } = partition;

    public void Register(string functionNameOrArn, Func<JsonNode?, LambdaInvocationContext, CancellationToken, Task<JsonNode?>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var id = LambdaFunctionIdentifier.Parse(functionNameOrArn);
        var registration = new Registration(id, handler);
        bindings.AddOrUpdate(
            Key(id),
            _ => new ImmutableBindingList([registration]),
            (_, existing) => existing.With(registration));
    }

    public bool TryResolve(string functionNameOrArn, [NotNullWhen(true)] out LambdaFunctionBinding? function)
    {
        function = null;
        if (!LambdaFunctionIdentifier.TryParse(functionNameOrArn, out var id)
            || !bindings.TryGetValue(Key(id), out var candidates))
        {
            return false;
        }

        // The most specific registration wins: full ARN, then partial ARN, then plain name.
        var match = candidates.Items
            .Where(r => Matches(r.Id.Region, id.Region ?? Region) && Matches(r.Id.AccountId, id.AccountId ?? AccountId))
            .OrderByDescending(r => (r.Id.Region is null ? 0 : 2) + (r.Id.AccountId is null ? 0 : 1))
            .FirstOrDefault();
        if (match is null)
        {
            return false;
        }

        var executedVersion = id.Qualifier is { } q && q.All(char.IsAsciiDigit) ? q : LambdaFunctionIdentifier.LatestVersion;
        function = new LambdaFunctionBinding(id.Name, id.ToArn(Partition, Region, AccountId), executedVersion, match.Handler);
        return true;
    }

    public LambdaFunctionBinding Resolve(string functionNameOrArn)
    {
        if (TryResolve(functionNameOrArn, out var function))
        {
            return function;
        }

        var arn = LambdaFunctionIdentifier.TryParse(functionNameOrArn, out var id)
            ? id.ToArn(Partition, Region, AccountId, qualifyWithLatest: true)
            : functionNameOrArn;
        throw new LambdaFunctionNotFoundException(arn, Guid.NewGuid().ToString());
    }

    private static (string, string) Key(LambdaFunctionIdentifier id) => (id.Name, id.Qualifier ?? LambdaFunctionIdentifier.LatestVersion);

    private static bool Matches(string? registered, string requested) =>
        registered is null || string.Equals(registered, requested, StringComparison.Ordinal);

    private sealed record Registration(
        LambdaFunctionIdentifier Id,
        Func<JsonNode?, LambdaInvocationContext, CancellationToken, Task<JsonNode?>> Handler);

    /// <summary>Registrations of one name and qualifier; replaced as a whole so readers never see it half-updated.</summary>
    private sealed class ImmutableBindingList(IReadOnlyList<Registration> items)
    {
        public IReadOnlyList<Registration> Items { get; } = items;

        public ImmutableBindingList With(Registration registration) =>
            new([.. Items.Where(r => r.Id.Region != registration.Id.Region || r.Id.AccountId != registration.Id.AccountId), registration]);
    }
}
