using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data;
using Gdpr.Workflows.Engine.Language;
using Gdpr.Workflows.Engine.Persistence;

namespace Gdpr.Workflows.Engine.Execution.States;

/// <summary>Parallel: every branch on the same input (its Parameters), all at once; the result is their outputs in order.</summary>
internal sealed class ParallelStateRunner(LocalStepFunctions engine, ChildFrames children) : ExecutingStateRunner<ParallelStateDefinition>(engine)
{
    protected override PendingEvent[] ResultEvents(bool success) => [Events.Plain(success ? "ParallelStateSucceeded" : "ParallelStateFailed")];

    protected override async Task<AttemptOutcome> RunAttemptAsync(Frame frame, ParallelStateDefinition state, JsonNode? effective, int attempt, CancellationToken ct)
    {
        var cp = frame.Checkpoint;
        if (!cp.Scheduled)
        {
            JsonNode? branchInput;
            try
            {
                branchInput = state.Parameters is null ? effective : PayloadTemplate.Evaluate(state.Parameters, Paths(frame, state, effective), "Parameters");
            }
            catch (AslRuntimeException ex)
            {
                return AttemptOutcome.Fail(ex.Error, WithStatePrefix(frame, state, ex.Cause));
            }

            var items = new JsonArray();
            foreach (var _ in state.Branches)
            {
                items.Add(branchInput?.DeepClone());
            }

            await frame.CommitAsync(cp with { Scheduled = true, ScheduledAt = Engine.Now, Items = items }, [Events.Plain("ParallelStateStarted")]);
            cp = frame.Checkpoint;
        }

        var branches = state.Branches.Select((branch, i) => new ChildFrame(branch, cp.Items![i], null, [])).ToList();
        var outcomes = await children.RunAsync(frame, cp, branches, maxConcurrency: 0, toleratedFailures: 0, iterationEvents: null, ct);
        var failure = outcomes.FirstOrDefault(o => !o.Succeeded);
        return failure is not null
            ? AttemptOutcome.Fail(failure.Error, failure.Cause)
            : new AttemptOutcome(new JsonArray([.. outcomes.Select(o => o.Output?.DeepClone())]), [], null);
    }
}
