using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Language;
using Gdpr.Workflows.Engine.Persistence;

namespace Gdpr.Workflows.Engine.Execution.States;

/// <summary>One branch or iteration to run: its states, its input, its Map item and the events that start it.</summary>
internal readonly record struct ChildFrame(StateMachineDefinition Definition, JsonNode? Input, MapItem? MapItem, PendingEvent[] Start);

/// <summary>
/// Runs the child frames of a Parallel or Map attempt with bounded concurrency. Without tolerated failures the first
/// failure cancels the rest. Child frames resume from their checkpoints, so finished ones are not run again.
/// </summary>
internal sealed class ChildFrames(StateInterpreter interpreter)
{
    /// <param name="maxConcurrency">At most this many at once; 0 for all.</param>
    /// <param name="toleratedFailures">How many may fail before the rest are cancelled.</param>
    /// <param name="iterationEvents">The event recorded with a child's end, if any.</param>
    public async Task<List<FrameOutcome>> RunAsync(
        Frame parent,
        FrameCheckpoint cp,
        IReadOnlyList<ChildFrame> children,
        int maxConcurrency,
        double toleratedFailures,
        Func<int, FrameOutcome, PendingEvent>? iterationEvents,
        CancellationToken ct)
    {
        using var siblings = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var slots = new SemaphoreSlim(maxConcurrency <= 0 ? children.Count + 1 : maxConcurrency);
        var failures = 0;
        var outcomes = new FrameOutcome?[children.Count];

        async Task RunOne(int i)
        {
            var (definition, input, mapItem, start) = children[i];
            var id = $"{parent.Id}/{cp.Step}.{cp.Attempt}/{i}";
            await slots.WaitAsync(siblings.Token);
            try
            {
                var resumed = parent.Run.ResumeCheckpoints.TryGetValue(id, out var existing);
                // The child reads its input from the parent's Items, fixed for this attempt: states never change their
                // input in place (what they pass on is copied), so it is shared, not copied.
                var frame = new Frame(parent.Run, id, definition, parent, existing ?? new FrameCheckpoint { State = definition.StartAt, Input = input }, mapItem);
                if (!resumed && start.Length > 0)
                {
                    frame.StartEvents = start;
                }

                Func<FrameOutcome, IReadOnlyList<PendingEvent>>? finish = iterationEvents is null ? null : o => [iterationEvents(i, o)];
                var outcome = await interpreter.RunFrameAsync(frame, finish, siblings.Token);
                outcomes[i] = outcome;
                if (!outcome.Succeeded && Interlocked.Increment(ref failures) > toleratedFailures)
                {
                    await siblings.CancelAsync();
                }
            }
            finally
            {
                slots.Release();
            }
        }

        var tasks = Enumerable.Range(0, children.Count).Select(RunOne).ToList();
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // A sibling failed and cancelled the rest; its outcome is reported below.
        }

        ct.ThrowIfCancellationRequested();
        var failed = outcomes.FirstOrDefault(o => o is { Succeeded: false });
        if (failed is not null && failures > toleratedFailures)
        {
            return [failed];
        }

        return [.. outcomes.Select(o => o!)];
    }
}
