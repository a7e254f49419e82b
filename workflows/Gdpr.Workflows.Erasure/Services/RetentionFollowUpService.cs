using System.Globalization;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Vault;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>What one follow-up pass did: requests looked at, and those reopened now with their systems.</summary>
public sealed record RetentionFollowUpResult(DateOnly Today, int Examined, IReadOnlyList<ReopenResult> Reopened)
{
    /// <summary>Requests whose retention ended but whose identifiers were no longer sealed: the officers were told (once).</summary>
    public IReadOnlyList<string> IdentifiersGone { get; init; } = [];
}

/// <summary>
/// Retention that ends (the scheduled follow-up: locally under <c>gdpr serve</c> and every engine run, on AWS from the daily
/// Reminders schedule): a closed request whose systems kept data under Art. 17(3) until a day now past is reopened for
/// those systems only, audited as RetentionEnded, and a new run of the workflow erases there again, replies to the
/// requester, and shreds the identifiers when no retention is left (see <see cref="ShredService"/>).
/// </summary>
/// <remarks>
/// Art. 17(3) exempts data only "to the extent that processing is necessary": when the retention period ends, the ground
/// ends and the original request must be honoured. Worked example: invoices retained until 2033-03-31 are followed up by
/// the pass of 2033-04-01 (not by the pass of 2033-03-31, when keeping them is still required).
/// <para>Idempotent: a pass reopens a request by one conditional update of its stored version, so two passes on one day
/// (the schedule delivers at least once) reopen it once, and run N's execution name is fixed
/// (<see cref="Contracts.ExecutionNames.Of"/>), so its start is made once. When the retention has ended but the identifiers
/// are no longer sealed (shredded, or removed by the vault's TTL), the erasure cannot be asked again: the officers are told
/// and it is audited as RetentionFollowUpImpossible, once per request and retain-until day; nothing fails silently.</para>
/// </remarks>
public sealed class RetentionFollowUpService(IRequestStore requests, SubjectVault vault, IWorkflowStarter workflow, AuditLedger audit, ErasureDeadlines deadlines, IOfficerNotifier officers, TimeProvider timeProvider)
{
    public const string Actor = "retention-follow-up";
    public static readonly AuditEventType RetentionEnded = new(nameof(RetentionEnded));
    public static readonly AuditEventType RetentionFollowUpImpossible = new(nameof(RetentionFollowUpImpossible));
    private const int PageSize = 100;

    private readonly RequestUpdater _requests = new(requests, timeProvider);

    public async Task<RetentionFollowUpResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var today = deadlines.Day(timeProvider.GetUtcNow());
        var examined = 0;
        var reopened = new List<ReopenResult>();
        var gone = new List<string>();
        string? token = null;
        do
        {
            // Data retained makes a request CompletedWithExceptions; nothing else can hold a retention.
            var page = await requests.QueryByStatusAsync(RequestStatus.CompletedWithExceptions, PageSize, token, cancellationToken);
            foreach (var request in page.Items)
            {
                examined++;
                if (Ended(request, today).Count == 0)
                {
                    continue;
                }

                var state = await vault.GetStateAsync(request.RequestId, cancellationToken);
                if (state != SubjectVaultState.Sealed)
                {
                    if (await TellOfficersIdentifiersGoneAsync(request, today, state, cancellationToken))
                    {
                        gone.Add(request.RequestId);
                    }
                }
                else if (await ReopenAsync(request.RequestId, today, cancellationToken) is { } result)
                {
                    reopened.Add(result);
                }
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        return new RetentionFollowUpResult(today, examined, reopened) { IdentifiersGone = gone };
    }

    /// <summary>The systems of a closed request whose retention ended before <paramref name="today"/>.</summary>
    public static IReadOnlyList<string> Ended(ErasureRequest request, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.IsOpen ? [] : [.. request.Systems.Where(s => s.Status == SystemErasureStatus.Retained && s.RetainUntil < today).Select(s => s.System)];
    }

    /// <summary>
    /// The erasure cannot be asked again without the identifiers: the officers must contact the systems themselves (the
    /// audit names the systems and days, never the subject). Told first, then audited, so a crash between the two repeats
    /// the notice the next day rather than losing it; once audited, later passes stay quiet. True when told now.
    /// </summary>
    private async Task<bool> TellOfficersIdentifiersGoneAsync(ErasureRequest request, DateOnly today, SubjectVaultState state, CancellationToken cancellationToken)
    {
        var systems = Ended(request, today);
        var lastDay = request.Systems.Where(s => systems.Contains(s.System)).Max(s => s.RetainUntil)!.Value;
        var lastDayText = lastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var key = IdempotencyKeys.For("retention-identifiers-gone", request.RequestId, lastDayText);
        if (await audit.FindAsync(request.RequestId, key, cancellationToken) is not null)
        {
            return false;
        }

        var details = new Dictionary<string, string>
        {
            ["systems"] = string.Join(',', systems),
            ["retainedUntil"] = lastDayText,
            ["vault"] = state == SubjectVaultState.Shredded ? "shredded" : "absent",
            ["day"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        await officers.NotifyAsync(new OfficerNotice(RetentionFollowUpImpossible.Name, request.RequestId, details, key), cancellationToken);
        await audit.AppendAsync(request.RequestId, new AuditEventDraft(RetentionFollowUpImpossible, Actor) { IdempotencyKey = key, Details = details }, cancellationToken);
        return true;
    }

    /// <remarks>
    /// The audit event is keyed by the retain-until day that ended (not by the run), and the run it records is the one
    /// started: a pass that finds the event already recorded (a twin pass, where the store's conditional write let both
    /// through, as moto_server's can under concurrent requests) starts that same run, whose execution name exists once.
    /// </remarks>
    private async Task<ReopenResult?> ReopenAsync(string requestId, DateOnly today, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        IReadOnlyList<string> systems = [];
        DateOnly endedDay = default;
        RequestStatus previous = RequestStatus.CompletedWithExceptions;
        var change = await _requests.UpdateAsync(requestId, r =>
        {
            systems = Ended(r, today);
            endedDay = systems.Count == 0 ? default : r.Systems.Where(s => systems.Contains(s.System)).Max(s => s.RetainUntil)!.Value;
            previous = r.Status;
            return systems.Count == 0 ? null : r with
            {
                Status = RequestStatus.InProgress,
                Outcome = null,
                Systems = [.. r.Systems.Select(s => systems.Contains(s.System) ? s with { Status = SystemErasureStatus.Pending, UpdatedAt = now } : s)],
            };
        }, cancellationToken);
        if (!change.Changed)
        {
            return null;
        }

        var key = IdempotencyKeys.For("retention-ended", requestId, endedDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var run = (await audit.ReadAsync(requestId, cancellationToken)).Count(e => (e.Type == AuditEventType.RequestReopened || e.Type == RetentionEnded) && e.IdempotencyKey != key) + 2;
        AuditEvent recorded;
        try
        {
            recorded = await audit.AppendAsync(requestId, new AuditEventDraft(RetentionEnded, Actor)
            {
                IdempotencyKey = key,
                Details = new Dictionary<string, string>
                {
                    ["run"] = run.ToString(CultureInfo.InvariantCulture),
                    ["previousStatus"] = previous.Name(),
                    ["systems"] = string.Join(',', systems),
                    ["retainedUntil"] = endedDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["day"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                },
            }, cancellationToken);
        }
        catch (AuditIdempotencyConflictException e) when (e.Existing is not null)
        {
            recorded = e.Existing;
        }

        run = int.Parse(recorded.Details["run"], NumberStyles.None, CultureInfo.InvariantCulture);
        var start = await workflow.StartRunAsync(requestId, run, cancellationToken);
        return new ReopenResult(requestId, run, start.ExecutionId, systems);
    }
}
