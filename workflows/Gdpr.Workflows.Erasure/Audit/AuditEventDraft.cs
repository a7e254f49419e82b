namespace Gdpr.Workflows.Erasure.Audit;

/// <summary>
/// What a writer wants recorded; the ledger adds request id, sequence, time and the hash chain.
/// Never put raw personal data in it: refer to the subject by <see cref="SubjectHash"/>.
/// </summary>
/// <param name="Type">What happened.</param>
/// <param name="Actor">Who or what did it: a service principal, an operator id, "subject".</param>
public sealed record AuditEventDraft(AuditEventType Type, string Actor)
{
    /// <summary>The downstream system concerned (for SystemErased and the like); null when none.</summary>
    public string? System { get; init; }

    /// <summary>The <see cref="Subjects.SubjectHasher"/> hash of the identifier concerned; null when none.</summary>
    public string? SubjectHash { get; init; }

    /// <summary>A few short strings of context (counts, reasons, ids). Checked for obvious personal data.</summary>
    public IReadOnlyDictionary<string, string>? Details { get; init; }

    /// <summary>
    /// Chosen by the writer (e.g. the step's execution and state name) so a retried append records
    /// the event once: a second append with the same key returns the first event.
    /// </summary>
    public string? IdempotencyKey { get; init; }
}
