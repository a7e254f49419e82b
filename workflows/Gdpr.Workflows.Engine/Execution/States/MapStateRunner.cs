using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data;
using Gdpr.Workflows.Engine.Language;
using Gdpr.Workflows.Engine.Persistence;

namespace Gdpr.Workflows.Engine.Execution.States;

/// <summary>
/// Map: its items (ItemsPath, each through ItemSelector, grouped by ItemBatcher) are fixed and committed when the
/// attempt starts; each runs as an iteration, MaxConcurrency at a time; a distributed Map tolerates failures up to
/// ToleratedFailureCount/Percentage.
/// </summary>
internal sealed class MapStateRunner(LocalStepFunctions engine, ChildFrames children) : ExecutingStateRunner<MapStateDefinition>(engine)
{
    protected override PendingEvent[] ResultEvents(bool success) => [Events.Plain(success ? "MapStateSucceeded" : "MapStateFailed")];

    protected override async Task<AttemptOutcome> RunAttemptAsync(Frame frame, MapStateDefinition state, JsonNode? effective, int attempt, CancellationToken ct)
    {
        var cp = frame.Checkpoint;
        var paths = Paths(frame, state, effective);
        Settings settings;
        try
        {
            settings = new Settings(
                state.MaxConcurrency?.Evaluate(paths) ?? 0,
                state.ToleratedFailureCount?.Evaluate(paths) ?? 0,
                state.ToleratedFailurePercentage?.Evaluate(paths) ?? 0);
            if (state.ItemReader is not null || state.ResultWriter is not null)
            {
                throw new AslRuntimeException(ErrorNames.Runtime, "ItemReader and ResultWriter read and write Amazon S3, which the local engine does not emulate.");
            }

            if (!cp.Scheduled)
            {
                var items = Items(frame, state, effective, paths);
                await frame.CommitAsync(cp with { Scheduled = true, ScheduledAt = Engine.Now, Items = items }, [Events.MapStarted(items.Count)]);
                cp = frame.Checkpoint;
            }
        }
        catch (AslRuntimeException ex)
        {
            return AttemptOutcome.Fail(ex.Error, WithStatePrefix(frame, state, ex.Cause));
        }

        var iterations = cp.Items!.Select((item, i) => new ChildFrame(state.Processor, item, new MapItem(i, item), [Events.MapIteration("Started", state.Name, i)])).ToList();
        var tolerated = state.Distributed ? Math.Max(settings.ToleratedCount, Math.Floor(iterations.Count * settings.ToleratedPercentage / 100.0)) : 0;
        var outcomes = await children.RunAsync(frame, cp, iterations, settings.MaxConcurrency, tolerated, (i, outcome) => Events.MapIteration(outcome.Succeeded ? "Succeeded" : "Failed", state.Name, i), ct);
        return Result(state, settings, outcomes, tolerated);
    }

    /// <summary>The items to iterate: selected, each through ItemSelector, then batched.</summary>
    private JsonArray Items(Frame frame, MapStateDefinition state, JsonNode? effective, PathContext paths)
    {
        var source = state.ItemsPath is null ? effective : JsonPaths.Select(state.ItemsPath, paths);
        if (source is not JsonArray array)
        {
            throw new AslRuntimeException(ErrorNames.Runtime, $"Item selector '{state.ItemsPath ?? "$"}' must resolve to a JSON array, but resolved to: {Json.Text(source)}");
        }

        var items = new JsonArray();
        for (var i = 0; i < array.Count; i++)
        {
            items.Add(state.ItemSelector is null
                ? array[i]?.DeepClone()
                : PayloadTemplate.Evaluate(state.ItemSelector, Paths(frame, state, effective, mapItem: new MapItem(i, array[i])), "ItemSelector"));
        }

        return state.ItemBatcher is null ? items : state.ItemBatcher.Batch(items, paths);
    }

    /// <summary>The iterations' outputs in order (a tolerated failure as its Error and Cause), or the Map's failure.</summary>
    private static AttemptOutcome Result(MapStateDefinition state, Settings settings, List<FrameOutcome> outcomes, double tolerated)
    {
        var failures = outcomes.Where(o => !o.Succeeded).ToList();
        if (failures.Count > tolerated || (!state.Distributed && failures.Count > 0))
        {
            if (state.Distributed && (settings.ToleratedCount > 0 || settings.ToleratedPercentage > 0))
            {
                return AttemptOutcome.Fail(ErrorNames.ExceedToleratedFailureThreshold, "The specified tolerated failure threshold was exceeded");
            }

            return AttemptOutcome.Fail(failures[0].Error, failures[0].Cause);
        }

        return new AttemptOutcome(new JsonArray([.. outcomes.Select(o => o.Succeeded ? o.Output?.DeepClone() : new JsonObject { ["Error"] = o.Error, ["Cause"] = o.Cause })]), [], null);
    }

    /// <summary>The Map's value-or-path settings, evaluated once per attempt.</summary>
    private readonly record struct Settings(int MaxConcurrency, double ToleratedCount, double ToleratedPercentage);
}
