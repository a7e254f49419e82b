using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>
/// Whether a task sent to a system may still be answered, as its request tells: a withdrawn or ended request closes its
/// tasks, and so does the system's outcome recorded after the task was sent (answered through another path). Both
/// inboxes (local and deployed) apply this rule.
/// </summary>
public static class SystemTaskStanding
{
    /// <summary>Why the task is over ("cancelled", "request_closed", "answered"); null while it may be answered.</summary>
    public static string? Why(ErasureRequest? request, string system, DateTimeOffset sentAt)
    {
        if (request is null)
        {
            return null;
        }

        if (request.Status == RequestStatus.Cancelled)
        {
            return "cancelled";
        }

        if (request.Status.IsFinal())
        {
            return "request_closed";
        }

        var state = request.Systems.FirstOrDefault(s => s.System == system);
        var decided = state is not null
            && (state.IsSettled || state.Status is SystemErasureStatus.Failed or SystemErasureStatus.Skipped)
            && state.UpdatedAt >= sentAt;
        return decided ? "answered" : null;
    }
}
