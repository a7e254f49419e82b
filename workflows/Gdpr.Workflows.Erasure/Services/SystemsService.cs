using System.Globalization;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Registry;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>
/// One system in the plan: exactly what a Map iteration needs, nothing more. <paramref name="ExpectedBy"/> is the
/// request's legal deadline (null only while its clock is stopped awaiting clarification); <paramref name="RespondBy"/>
/// is when the system's task times out at the earliest (planned now, sent a little later, so never after its real
/// timeout): both go into the erasure-task message of an async system.
/// </summary>
public sealed record PlannedSystem(string System, string Mode, int HeartbeatSeconds, int TimeoutSeconds, DateOnly? ExpectedBy = null, DateTimeOffset? RespondBy = null);

/// <summary>The Systems function's answer: <c>{systems: [{system, mode, heartbeatSeconds, timeoutSeconds, expectedBy, respondBy}]}</c>.</summary>
public sealed record SystemsPlan(IReadOnlyList<PlannedSystem> Systems)
{
    public JsonObject ToJson() => new()
    {
        ["systems"] = new JsonArray([.. Systems.Select(s => (JsonNode)new JsonObject
        {
            ["system"] = s.System,
            ["mode"] = s.Mode,
            ["heartbeatSeconds"] = s.HeartbeatSeconds,
            ["timeoutSeconds"] = s.TimeoutSeconds,
            ["expectedBy"] = s.ExpectedBy?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["respondBy"] = s.RespondBy?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        })]),
    };
}

/// <summary>
/// Lists the systems a request is erased in (the Systems function): every system of the registry, in its order, except
/// those that already gave their final answer (erased, not held, retained) in an earlier run of a reopened request, so
/// a retry runs only what failed, as a Step Functions redrive does.
/// </summary>
public sealed class SystemsService(IRequestStore requests, SystemRegistry registry, TimeProvider timeProvider)
{
    /// <exception cref="Errors.NotFoundException">No such request.</exception>
    public async Task<SystemsPlan> ListAsync(string requestId, string executionId, CancellationToken cancellationToken = default)
    {
        requestId = SafeText.RequestId(requestId);
        SafeText.ExecutionId(executionId);
        var request = await new RequestUpdater(requests, timeProvider).GetAsync(requestId, cancellationToken);
        var now = timeProvider.GetUtcNow();
        return new SystemsPlan(registry.Systems
            .Where(s => request.FindSystem(s.Name) is not { IsSettled: true })
            .Select(s => new PlannedSystem(s.Name, s.ModeName, s.HeartbeatSeconds, s.TimeoutSeconds, request.Deadline.DueDate, now.AddSeconds(s.TimeoutSeconds)))
            .ToList());
    }
}
