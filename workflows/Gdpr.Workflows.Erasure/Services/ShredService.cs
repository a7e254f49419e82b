using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Vault;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>What a shred call found: "shredded" (this call destroyed the key), "already-shredded", or "nothing-sealed".</summary>
public sealed record ShredResult(string RequestId, string Outcome);

/// <summary>
/// Crypto-shreds a request's identifiers in the vault (the VaultShredder function) and audits it. Deleting nothing is
/// success. Idempotent: a repeated call (same request, execution and reason) answers what the first one found.
/// </summary>
public sealed class ShredService(SubjectVault vault, AuditLedger audit)
{
    public const string Actor = "vault-shredder";

    /// <param name="reason">Why, when EventBridge calls (ABORTED, TIMED_OUT, FAILED); null from the workflow itself.</param>
    public async Task<ShredResult> ShredAsync(string requestId, string executionId, string? reason = null, CancellationToken cancellationToken = default)
    {
        requestId = SafeText.RequestId(requestId);
        executionId = SafeText.ExecutionId(executionId);
        var why = reason is null ? "workflow" : SafeText.ErrorName(reason);
        var key = IdempotencyKeys.For("shred", requestId, executionId, why);
        if (await audit.FindAsync(requestId, key, cancellationToken) is { } recorded)
        {
            return new ShredResult(requestId, recorded.Details["outcome"]);
        }

        var outcome = await vault.ShredAsync(requestId, cancellationToken) switch
        {
            ShredOutcome.Shredded => "shredded",
            ShredOutcome.AlreadyShredded => "already-shredded",
            _ => "nothing-sealed",
        };
        var draft = new AuditEventDraft(AuditEventType.SubjectsShredded, Actor)
        {
            IdempotencyKey = key,
            Details = new Dictionary<string, string> { ["outcome"] = outcome, ["reason"] = why, ["executionId"] = executionId },
        };
        try
        {
            await audit.AppendAsync(requestId, draft, cancellationToken);
        }
        catch (AuditIdempotencyConflictException e) when (e.Existing is not null)
        {
            // A concurrent twin recorded first (it found the key alive, we found it destroyed): its answer stands.
            return new ShredResult(requestId, e.Existing.Details["outcome"]);
        }

        return new ShredResult(requestId, outcome);
    }
}
