using System.Diagnostics;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Integrations.Lambda;
using Gdpr.Workflows.Engine.Sam;

namespace Gdpr.Workflows.Local;

/// <summary>
/// The functions' handlers as the local host deploys them: each invocation counts as engine activity (for
/// <see cref="LocalHost.SettleAsync"/>) and is logged with its request id, state, attempt and outcome.
/// </summary>
internal static class WatchedHandlers
{
    public static Dictionary<string, LocalLambdaHandler> Of(IReadOnlyDictionary<string, LocalLambdaHandler> handlers, ActivityMonitor activity, Action<string?, string>? log) =>
        handlers.ToDictionary(p => p.Key, p => (LocalLambdaHandler)(async (payload, context, ct) =>
        {
            using var running = activity.Begin();
            var requestId = payload?["requestId"] is JsonValue id && id.TryGetValue(out string? text) ? text : null;
            var what = payload?["event"] is JsonValue e && e.TryGetValue(out string? name) ? $"{context.FunctionName} {name}" : context.FunctionName;
            var started = Stopwatch.GetTimestamp();
            try
            {
                var result = await p.Value(payload, context, ct);
                log?.Invoke(requestId, $"{what} ({context.StateName}, attempt {context.Attempt}) ok in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms");
                return result;
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                log?.Invoke(requestId, $"{what} ({context.StateName}, attempt {context.Attempt}) failed: {(failure is LambdaFunctionException reported ? reported.ErrorType : failure.GetType().Name)}");
                throw;
            }
        }), StringComparer.Ordinal);
}
