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

    public TaskCompletionSource<ExecutionRecord> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set by StopExecution or the execution timeout: why the run is being cancelled.</summary>
    public (string Status, string? Error, string? Cause)? StopReason { get; set; }

    public string Arn => Record.ExecutionArn;

    /// <summary>
    /// Writes one transition atomically: the events (ids assigned here, chained from <paramref name="previousEventId"/>),
    /// the frame's next checkpoint (stamped with its last and, when <paramref name="marksEntry"/>, its Entered event id),
    /// a new task token, and the end of the execution. Returns the checkpoint as written.
    /// </summary>
    public async Task<FrameCheckpoint?> CommitAsync(
        long previousEventId,
        IReadOnlyList<PendingEvent> events,
        string? frameId = null,
        FrameCheckpoint? checkpoint = null,
        bool marksEntry = false,
        TaskTokenRecord? newToken = null,
        ExecutionRecord? end = null)
    {
        await gate.WaitAsync(CancellationToken.None);
        try
        {
            var commit = new ExecutionCommit();
            var now = Engine.Now;
            var previous = previousEventId;
            var nextId = lastEventId;
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                nextId++;
                commit.Events.Add(new HistoryEvent(nextId, previous, now, e.Type, e.DetailsName, e.Render));
                previous = nextId;
            }

            FrameCheckpoint? written = null;
            if (frameId is not null && checkpoint is not null)
            {
                written = checkpoint with
                {
                    LastEventId = previous,
                    EnteredEventId = marksEntry && events.Count > 0 ? lastEventId + 1 : checkpoint.EnteredEventId,
                };
                commit.Checkpoints[frameId] = written;
            }

            if (newToken is not null)
            {
                commit.NewTokens.Add(newToken);
            }

            if (end is not null)
            {
                commit.End = end;
                Record = end;
            }

            await Engine.Store.CommitAsync(Arn, commit, CancellationToken.None);
            lastEventId = nextId;
            return written;
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
internal readonly record struct PendingEvent(string Type, string? DetailsName = null, Func<string>? Render = null);
