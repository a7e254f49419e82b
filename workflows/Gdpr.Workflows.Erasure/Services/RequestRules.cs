using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>Changes to a request that several services make the same way.</summary>
internal static class RequestRules
{
    /// <summary>Error names a no-response is recorded under (the definition's timeout errors).</summary>
    public static bool IsNoResponse(string? error) => error is "States.Timeout" or "States.HeartbeatTimeout";

    /// <summary>Counts from the per-system states recorded so far.</summary>
    public static ErasureCounts Counts(ErasureRequest request)
    {
        var systems = request.Systems;
        return new ErasureCounts(
            systems.Count,
            systems.Count(s => s.Status is SystemErasureStatus.Erased or SystemErasureStatus.BeyondUse),
            systems.Count(s => s.Status == SystemErasureStatus.NotFound),
            systems.Count(s => s.Status == SystemErasureStatus.Retained),
            systems.Count(s => s.Status == SystemErasureStatus.Failed && !IsNoResponse(s.LastError)),
            systems.Count(s => s.Status == SystemErasureStatus.Failed && IsNoResponse(s.LastError)),
            systems.Count(s => s.Recipients?.Status == RecipientNotificationStatus.Failed));
    }

    /// <summary>Closes the request with <paramref name="status"/>: stores the outcome once and skips systems not yet asked.</summary>
    public static ErasureRequest Close(ErasureRequest request, RequestStatus status, DateTimeOffset now, string recordedBy, string? error, bool skipUnfinished)
    {
        var systems = skipUnfinished
            ? request.Systems.Select(s => s.Status is SystemErasureStatus.Pending or SystemErasureStatus.Dispatched or SystemErasureStatus.AwaitingCallback
                ? s with { Status = SystemErasureStatus.Skipped, UpdatedAt = now }
                : s).ToList()
            : request.Systems;
        var closed = request with { Systems = systems };
        return closed with
        {
            Status = status,
            Outcome = new FinalOutcome(status, Counts(closed), now, recordedBy, error),
        };
    }

    /// <summary>The request with <paramref name="system"/>'s state replaced (or added, starting from Pending).</summary>
    public static ErasureRequest WithSystem(ErasureRequest request, string system, Func<SystemErasureState, SystemErasureState> change)
    {
        var systems = request.Systems.ToList();
        var index = systems.FindIndex(s => string.Equals(s.System, system, StringComparison.Ordinal));
        if (index < 0)
        {
            systems.Add(change(new SystemErasureState(system, SystemErasureStatus.Pending)));
        }
        else
        {
            systems[index] = change(systems[index]);
        }

        return request with { Systems = systems };
    }

    /// <summary>
    /// True when the request ended with erasure work an officer can retry: it failed as a whole, or completed with
    /// systems that failed or did not answer. Such a request keeps its identifiers sealed and can be reopened.
    /// </summary>
    public static bool HasWorkLeft(ErasureRequest request) =>
        request.Status == RequestStatus.Failed
        || (request.Status == RequestStatus.CompletedWithExceptions && request.Systems.Any(s => s.Status == SystemErasureStatus.Failed));

    /// <summary>Systems being reported on means any identity check is behind us.</summary>
    public static RequestStatus Working(RequestStatus status) =>
        status is RequestStatus.Received or RequestStatus.AwaitingVerification ? RequestStatus.InProgress : status;
}
