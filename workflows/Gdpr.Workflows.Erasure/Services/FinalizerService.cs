using System.Globalization;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>The request's final status and counts; <see cref="StoredNow"/> is false when an earlier call (or another path) stored it.</summary>
public sealed record FinalizeResult(string RequestId, RequestStatus Status, ErasureCounts Counts, bool StoredNow)
{
    /// <summary>The Finalizer function's answer: <c>{status, counts: {systems, erased, notHeld, retained, failed, noResponse, recipientsFailed}}</c>.</summary>
    public JsonObject ToJson() => new()
    {
        ["status"] = Status.Name(),
        ["counts"] = new JsonObject
        {
            ["systems"] = Counts.Systems,
            ["erased"] = Counts.Erased,
            ["notHeld"] = Counts.NotHeld,
            ["retained"] = Counts.Retained,
            ["failed"] = Counts.Failed,
            ["noResponse"] = Counts.NoResponse,
            ["recipientsFailed"] = Counts.RecipientsFailed,
        },
    };
}

/// <summary>
/// Derives and stores the request's final status from the per-system summaries (the Finalizer function). The first
/// stored status wins: a repeat, or a request already closed another way, returns what is stored.
/// </summary>
/// <remarks>
/// Completed: every system erased or held nothing. Failed: no system could be erased (all failed or did not answer).
/// CompletedWithExceptions: anything in between: some data retained under Art. 17(3), some systems failed or did
/// not answer, or an Art. 19 notification failed.
/// </remarks>
public sealed class FinalizerService
{
    public const string Actor = "finalizer";
    public const string RecordedBy = "Finalizer";

    private readonly RequestUpdater _requests;
    private readonly AuditLedger _audit;
    private readonly TimeProvider _time;

    public FinalizerService(IRequestStore requests, AuditLedger audit, TimeProvider timeProvider)
    {
        _requests = new RequestUpdater(requests, timeProvider);
        _audit = audit;
        _time = timeProvider;
    }

    /// <summary>The status the summaries lead to, and the counts.</summary>
    public static (RequestStatus Status, ErasureCounts Counts) Decide(IReadOnlyList<SystemSummary> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        int erased = 0, notHeld = 0, retained = 0, failed = 0, noResponse = 0, recipientsFailed = 0;
        for (var i = 0; i < outcomes.Count; i++)
        {
            var summary = outcomes[i] ?? throw new InvalidInputException($"outcomes[{i}] is missing.");
            SafeText.SystemName(summary.System);
            switch (summary.Result)
            {
                case SystemSummary.ResultErased:
                    if (!ErasureOutcomes.TryParse(summary.Erasure, out var outcome))
                    {
                        throw new InvalidInputException($"outcomes[{i}].erasure must be erased, not_held, retained or beyond_use.");
                    }

                    _ = outcome switch
                    {
                        // Beyond use: erased from live data, the backups expire on their own: no exception to report.
                        ErasureOutcome.Erased or ErasureOutcome.BeyondUse => erased++,
                        ErasureOutcome.NotHeld => notHeld++,
                        _ => retained++,
                    };
                    recipientsFailed += summary.Recipients == "failed" ? 1 : 0;
                    break;
                case SystemSummary.ResultFailed:
                    failed++;
                    break;
                case SystemSummary.ResultNoResponse:
                    noResponse++;
                    break;
                default:
                    throw new InvalidInputException($"outcomes[{i}].result must be erased, failed or no_response.");
            }
        }

        var counts = new ErasureCounts(outcomes.Count, erased, notHeld, retained, failed, noResponse, recipientsFailed);
        var status = outcomes.Count > 0 && failed + noResponse == outcomes.Count ? RequestStatus.Failed
            : retained + failed + noResponse + recipientsFailed > 0 ? RequestStatus.CompletedWithExceptions
            : RequestStatus.Completed;
        return (status, counts);
    }

    public async Task<FinalizeResult> FinalizeAsync(string requestId, string executionId, IReadOnlyList<SystemSummary> outcomes, CancellationToken cancellationToken = default)
    {
        requestId = SafeText.RequestId(requestId);
        executionId = SafeText.ExecutionId(executionId);
        Decide(outcomes); // checks the summaries before anything is stored
        var change = await _requests.UpdateAsync(requestId, current =>
        {
            if (current.Status.IsFinal())
            {
                return null;
            }

            var (status, counts) = Decide(WithEarlierRuns(current, outcomes));
            return current with { Status = status, Outcome = new FinalOutcome(status, counts, _time.GetUtcNow(), RecordedBy) };
        }, cancellationToken);

        var stored = change.After.Outcome ?? new FinalOutcome(change.After.Status, RequestRules.Counts(change.After), change.After.UpdatedAt, "unknown");
        await _audit.AppendAsync(requestId, new AuditEventDraft(AuditEventType.RequestCompleted, Actor)
        {
            IdempotencyKey = IdempotencyKeys.For("finalizer", requestId, executionId),
            Details = new Dictionary<string, string>
            {
                ["status"] = stored.Status.Name(),
                ["recordedBy"] = stored.RecordedBy,
                ["systems"] = Text(stored.Counts.Systems),
                ["erased"] = Text(stored.Counts.Erased),
                ["notHeld"] = Text(stored.Counts.NotHeld),
                ["retained"] = Text(stored.Counts.Retained),
                ["failed"] = Text(stored.Counts.Failed),
                ["noResponse"] = Text(stored.Counts.NoResponse),
                ["recipientsFailed"] = Text(stored.Counts.RecipientsFailed),
            },
        }, cancellationToken);
        return new FinalizeResult(requestId, stored.Status, stored.Counts, change.Changed);
    }

    /// <summary>
    /// This run's summaries plus the systems that settled in an earlier run of a reopened request (which this run did not
    /// ask again), so the final status speaks for every system.
    /// </summary>
    private static List<SystemSummary> WithEarlierRuns(ErasureRequest request, IReadOnlyList<SystemSummary> outcomes)
    {
        var merged = outcomes.ToList();
        foreach (var earlier in request.Systems.Where(s => s.IsSettled && !outcomes.Any(o => o.System == s.System)))
        {
            var erasure = earlier.Status switch
            {
                SystemErasureStatus.Erased => ErasureOutcome.Erased,
                SystemErasureStatus.NotFound => ErasureOutcome.NotHeld,
                SystemErasureStatus.BeyondUse => ErasureOutcome.BeyondUse,
                _ => ErasureOutcome.Retained,
            };
            merged.Add(new SystemSummary(earlier.System, SystemSummary.ResultErased, erasure.WireName(), earlier.Recipients?.Status.WireName()));
        }

        return merged;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
