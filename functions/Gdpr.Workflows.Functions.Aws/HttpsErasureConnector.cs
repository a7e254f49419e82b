using System.Globalization;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Registry;

namespace Gdpr.Workflows.Functions.Aws;

/// <summary>
/// A sync system's connector on AWS: POSTs <c>{requestId, system, identifiers: [{kind, value}], today}</c> to the URL in the
/// Secrets Manager secret <c>&lt;CONNECTOR_SECRETS_PREFIX&gt;&lt;connector&gt;</c> with the secret's headers and an
/// <c>Idempotency-Key</c> of <c>&lt;requestId&gt;/&lt;system&gt;</c>, within the system's <c>timeoutSeconds</c>. The system
/// answers <c>{outcome: "erased" | "not_held" | "retained", reference, retainedData?, retainUntil?: "yyyy-MM-dd"}</c>.
/// </summary>
public sealed class HttpsErasureConnector(string name, string secretId, EndpointSecrets secrets, HttpClient http) : IErasureConnector
{
    public string Name { get; } = name;

    /// <summary>One connector per distinct connector name of the registry's sync systems, each with its own secret.</summary>
    public static IReadOnlyList<IErasureConnector> ForRegistry(SystemRegistry registry, string secretPrefix, EndpointSecrets secrets, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.Systems
            .Where(s => s.Mode == ErasureMode.Sync)
            .Select(s => s.Connector)
            .Distinct(StringComparer.Ordinal)
            .Select(connector => (IErasureConnector)new HttpsErasureConnector(connector, secretPrefix + connector, secrets, http))
            .ToList();
    }

    public async Task<ConnectorResult> EraseAsync(ErasureContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var body = new JsonObject
        {
            ["requestId"] = context.RequestId,
            ["system"] = context.System.Name,
            ["identifiers"] = EndpointCall.Identifiers(context.Subject),
            ["today"] = context.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        var answer = await EndpointCall.PostAsync(
            http, secrets, secretId, body, $"{context.RequestId}/{context.System.Name}", TimeSpan.FromSeconds(context.System.TimeoutSeconds), cancellationToken);
        return ToResult(answer);
    }

    private static ConnectorResult ToResult(JsonObject answer)
    {
        if (!ErasureOutcomes.TryParse(Text(answer, "outcome"), out var outcome))
        {
            throw new InvalidDataException("The system's answer has no outcome \"erased\", \"not_held\" or \"retained\".");
        }

        var reference = Text(answer, "reference") ?? throw new InvalidDataException("The system's answer has no reference.");
        DateOnly? until = null;
        if (Text(answer, "retainUntil") is { } untilText)
        {
            until = DateOnly.TryParseExact(untilText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? day
                : throw new InvalidDataException("The system's retainUntil is not a yyyy-MM-dd date.");
        }

        return new ConnectorResult(outcome, reference, Text(answer, "retainedData"), until);
    }

    private static string? Text(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
