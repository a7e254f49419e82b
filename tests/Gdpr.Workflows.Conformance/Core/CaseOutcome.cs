namespace Gdpr.Workflows.Conformance.Core;

/// <summary>What the engine did with a case.</summary>
/// <param name="Status">AWS's status name (SUCCEEDED, FAILED, ...), or CREATE_FAILED when the definition was rejected.</param>
/// <param name="OutputJson">The execution's output text, null when it has none.</param>
/// <param name="History">The history's event types, when the executor read them.</param>
internal sealed record CaseOutcome(
    string Status,
    string? OutputJson,
    string? Error,
    string? Cause,
    IReadOnlyList<string>? History = null)
{
    public const string DefinitionRejectedStatus = "CREATE_FAILED";

    public static CaseOutcome DefinitionRejected(string message) => new(DefinitionRejectedStatus, null, "InvalidDefinition", message);

    /// <summary>The definition was accepted although AWS rejected it.</summary>
    public static CaseOutcome DefinitionAccepted() => new("CREATED", null, null, null);
}
