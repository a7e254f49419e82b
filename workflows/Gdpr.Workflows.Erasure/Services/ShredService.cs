using System.Globalization;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Vault;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>
/// What a shred call found: "shredded" (this call destroyed the key), "already-shredded", "nothing-sealed", or
/// "kept-for-retry" (the request ended with systems still holding the subject, so the identifiers stay sealed).
/// </summary>
public sealed record ShredResult(string RequestId, string Outcome);

/// <summary>
/// Crypto-shreds a request's identifiers in the vault (the VaultShredder function) and audits it. Deleting nothing is
/// success. Idempotent: a repeated call (same request, execution and reason) answers what the first one found.
/// </summary>
/// <remarks>
/// A request that ended with erasure work left (it failed, or systems failed or did not answer) keeps its identifiers
/// sealed, audited as <see cref="AuditEventType.SubjectsKeptForRetry"/>: an officer can reopen it and the failed systems
/// run again (see <see cref="ReopenService"/>); the run that leaves no work shreds them. A stopped execution (a
/// cancellation) always shreds, and so does the sweep once the retry window has closed (<see cref="RetryWindowClosed"/>). The vault table's TTL bounds how long kept identifiers can outlive their request.
/// <para>A request that closed with data retained under Art. 17(3) until a day still to come keeps its identifiers sealed too,
/// audited as SubjectsKeptForRetention: when the last retain-until day has passed, the retention follow-up
/// (<see cref="RetentionFollowUpService"/>) reopens those systems' erasure, and that run, with no retention left, shreds.
/// Only a withdrawal or refusal (ABORTED) shreds regardless.</para>
/// </remarks>
public sealed class ShredService(SubjectVault vault, AuditLedger audit, IRequestStore requests, TimeProvider? timeProvider = null)
{
    public const string Actor = "vault-shredder";
    public const string KeptForRetry = "kept-for-retry";
    public const string KeptForRetention = "kept-for-retention";
    public static readonly AuditEventType SubjectsKeptForRetention = new(nameof(SubjectsKeptForRetention));

    /// <summary>
    /// The reason of the sweep that shreds what was kept for a retry once the retry window (Step Functions' 14-day
    /// redrive window) has closed: it shreds even though systems still owe an erasure.
    /// </summary>
    public const string RetryWindowClosed = "REDRIVE_WINDOW_CLOSED";

    /// <param name="reason">Why, when EventBridge calls (ABORTED, TIMED_OUT, FAILED); null from the workflow itself.</param>
    public async Task<ShredResult> ShredAsync(string requestId, string executionId, string? reason = null, CancellationToken cancellationToken = default)
    {
        // EventBridge names the request by the execution's name, which for a reopened request's later runs has a suffix.
        requestId = SafeText.RequestId(reason is null ? requestId : ExecutionNames.RequestIdOf(requestId));
        executionId = SafeText.ExecutionId(executionId);
        var why = reason is null ? "workflow" : SafeText.ErrorName(reason);
        var key = IdempotencyKeys.For("shred", requestId, executionId, why);
        if (await audit.FindAsync(requestId, key, cancellationToken) is { } recorded)
        {
            return new ShredResult(requestId, recorded.Details["outcome"]);
        }

        var request = await requests.GetAsync(requestId, cancellationToken);
        if (why is not "ABORTED" && request is not null && RetentionPending(request, (timeProvider ?? TimeProvider.System).GetUtcNow())
            && await vault.GetStateAsync(requestId, cancellationToken) == SubjectVaultState.Sealed)
        {
            // The vault's TTL safety net (100 days from sealing by default) must not remove the identifiers before the
            // follow-up needs them, years later: it is moved to the day after the last retain-until day, plus the net.
            var keptUntil = KeepSealedUntil(request);
            await vault.KeepSealedUntilAsync(requestId, keptUntil, cancellationToken);
            return await RecordAsync(requestId, key, SubjectsKeptForRetention, KeptForRetention, why, executionId, cancellationToken, keptUntil);
        }

        if (why is not ("ABORTED" or RetryWindowClosed) && request is not null && RequestRules.HasWorkLeft(request)
            && await vault.GetStateAsync(requestId, cancellationToken) == SubjectVaultState.Sealed)
        {
            return await RecordAsync(requestId, key, AuditEventType.SubjectsKeptForRetry, KeptForRetry, why, executionId, cancellationToken);
        }

        var outcome = await vault.ShredAsync(requestId, cancellationToken) switch
        {
            ShredOutcome.Shredded => "shredded",
            ShredOutcome.AlreadyShredded => "already-shredded",
            _ => "nothing-sealed",
        };
        return await RecordAsync(requestId, key, AuditEventType.SubjectsShredded, outcome, why, executionId, cancellationToken);
    }

    /// <summary>
    /// True while a closed request has a system keeping data until a day not yet past (UTC): its erasure must be asked
    /// again after that day, which needs the identifiers. E.g. retained until 2033-03-31: pending on 2033-03-31, not on 2033-04-01.
    /// </summary>
    public static bool RetentionPending(ErasureRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return !request.IsOpen && request.Status != RequestStatus.Cancelled && request.Status != RequestStatus.Refused
            && request.Systems.Any(s => s.Status == SystemErasureStatus.Retained && s.RetainUntil >= today);
    }

    /// <summary>
    /// Until when identifiers kept for a retention must stay sealed: the start (UTC) of the day after the last retain-until
    /// day of the request's retained systems, when the follow-up reopens the last of them. E.g. invoices kept until
    /// 2033-03-31 and a CRM note until 2030-01-31: 2033-04-01T00:00Z (the vault's safety net is added by its store).
    /// </summary>
    public static DateTimeOffset KeepSealedUntil(ErasureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var last = request.Systems.Where(s => s.Status == SystemErasureStatus.Retained && s.RetainUntil is not null).Max(s => s.RetainUntil)
            ?? throw new ArgumentException($"Request {request.RequestId} retains nothing.", nameof(request));
        return new DateTimeOffset(last.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    }

    private async Task<ShredResult> RecordAsync(string requestId, string key, AuditEventType type, string outcome, string why, string executionId, CancellationToken cancellationToken, DateTimeOffset? keptUntil = null)
    {
        var details = new Dictionary<string, string> { ["outcome"] = outcome, ["reason"] = why, ["executionId"] = executionId };
        if (keptUntil is { } until)
        {
            details["keptUntil"] = until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        var draft = new AuditEventDraft(type, Actor)
        {
            IdempotencyKey = key,
            Details = details,
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
