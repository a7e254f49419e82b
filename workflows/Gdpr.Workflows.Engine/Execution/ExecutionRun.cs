using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Language;
using Gdpr.Workflows.Engine.Persistence;

namespace Gdpr.Workflows.Engine.Execution;

/// <summary>
/// One running execution inside the engine: its definition, its commit gate (history event ids are
/// assigned under it, so concurrent Map iterations never interleave a transition) and its cancellation.
/// </summary>
internal sealed class ExecutionRun(
    LocalStepFunctions engine,
    ExecutionRecord record,
    StateMachineRecord stateMachine,
    StateMachineDefinition definition,
    JsonNode? input,
    long lastEventId,
    IReadOnlyDictionary<string, FrameCheckpoint> checkpoints) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private long lastEventId = lastEventId;

    public LocalStepFunctions Engine { get; } = engine;

    public ExecutionRecord Record { get; private set; } = record;

    public StateMachineRecord StateMachine { get; } = stateMachine;

    public StateMachineDefinition Definition { get; } = definition;

    public JsonNode? Input { get; } = input;

    /// <summary>Checkpoints found at resume; a frame starts from its own when present.</summary>
    public IReadOnlyDictionary<string, FrameCheckpoint> ResumeCheckpoints { get; } = checkpoints;

    public CancellationTokenSource Cancellation { get; } = new();

    // Continuations run inline: the run has finished its work when it completes this, and a waiter resumes at once.
    public TaskCompletionSource<ExecutionRecord> Completion { get; } = new();

    /// <summary>Set by StopExecution or the execution timeout: why the run is being cancelled.</summary>
    public (string Status, string? Error, string? Cause)? StopReason { get; set; }

    public string Arn => Record.ExecutionArn;

    /// <summary>
    /// Writes one transition atomically: the events (ids assigned here, chained from <paramref name="previousEventId"/>),
    /// the frame's next checkpoint (with <paramref name="variables"/>, stamped with its last event id and, when
    /// <paramref name="enteredEventIndex"/> is not negative, the id of the state's Entered event at that index), a new
    /// task token, and the end of the execution. Returns the checkpoint as written (copied once per transition).
    /// </summary>
    public async ValueTask<FrameCheckpoint?> CommitAsync(
        long previousEventId,
        IReadOnlyList<PendingEvent> events,
        string? frameId = null,
        FrameCheckpoint? checkpoint = null,
        JsonObject? variables = null,
        int enteredEventIndex = -1,
        TaskTokenRecord? newToken = null,
        ExecutionRecord? end = null)
    {
        await gate.WaitAsync(CancellationToken.None);
        try
        {
            var now = Engine.Now;
            var previous = previousEventId;
            var nextId = lastEventId;
            var written = new HistoryEvent[events.Count];
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                nextId++;
                written[i] = new HistoryEvent(nextId, previous, now, e.Type, e.DetailsName, e.Details);
                previous = nextId;
            }

            FrameCheckpoint? next = null;
            if (frameId is not null && checkpoint is not null)
            {
                next = checkpoint with
                {
                    Variables = variables,
                    LastEventId = previous,
                    EnteredEventId = enteredEventIndex >= 0 && enteredEventIndex < events.Count ? lastEventId + 1 + enteredEventIndex : checkpoint.EnteredEventId,
                };
            }

            var commit = new ExecutionCommit
            {
                Events = written,
                Checkpoints = next is null ? [] : [new(frameId!, next)],
                NewTokens = newToken is null ? [] : [newToken],
                End = end,
            };
            if (end is not null)
            {
                Record = end;
            }

            await Engine.Store.CommitAsync(Arn, commit, CancellationToken.None);
            lastEventId = nextId;
            return next;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Called once the run has ended; the cancellation source stays usable for late StopExecution calls.</summary>
    public void Dispose() => gate.Dispose();

    /// <summary>Number of history events written so far (AWS caps an execution at 25,000).</summary>
    public long EventCount => Interlocked.Read(ref lastEventId);
}

/// <summary>A history event not yet numbered.</summary>
internal readonly record struct PendingEvent(string Type, string? DetailsName = null, EventDetails? Details = null);
