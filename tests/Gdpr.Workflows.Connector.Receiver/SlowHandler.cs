using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Connector.Receiver;

/// <summary>A handler that takes <paramref name="duration"/> (a slow erasure) and then reports the subject erased.</summary>
public sealed class SlowHandler(TimeSpan duration, Report report) : IErasureHandler
{
    public async Task<ErasureResult> EraseAsync(ErasureSubject subject, ErasureContext context, CancellationToken cancellationToken)
    {
        report.Write(new JsonObject { ["event"] = "handling", ["taskId"] = context.Task.TaskId, ["requestId"] = context.RequestId, ["heartbeatSeconds"] = context.Task.HeartbeatSeconds });
        await Task.Delay(duration, cancellationToken);
        return ErasureResult.Erased("receiver:" + context.Task.TaskId[..8]);
    }
}
