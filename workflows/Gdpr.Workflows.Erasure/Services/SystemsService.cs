using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Registry;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>One system in the plan: exactly what a Map iteration needs, nothing more.</summary>
public sealed record PlannedSystem(string System, string Mode, int HeartbeatSeconds, int TimeoutSeconds);

/// <summary>The Systems function's answer: <c>{systems: [{system, mode, heartbeatSeconds, timeoutSeconds}]}</c>.</summary>
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
        return new SystemsPlan(registry.Systems
            .Where(s => request.FindSystem(s.Name) is not { IsSettled: true })
            .Select(s => new PlannedSystem(s.Name, s.ModeName, s.HeartbeatSeconds, s.TimeoutSeconds))
            .ToList());
    }
}
