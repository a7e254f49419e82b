using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Execution;

namespace Gdpr.Workflows.Engine.Persistence;

/// <summary>
/// Keeps executions in memory only: fast, for tests and benchmarks; nothing survives the process. Ended
/// executions are kept up to <see cref="MaxEndedExecutions"/> (oldest dropped first): a retained history holds
/// its payloads as objects, and tens of thousands of them made garbage collection the engine's main cost.
/// Running executions are always kept. Use the SQLite store to keep everything.
/// </summary>
public sealed class InMemoryExecutionStore(int maxEndedExecutions = 1_000) : IExecutionStore
{
    private readonly Queue<string> ended = new();

    private readonly Lock gate = new();
    private readonly Dictionary<string, StateMachineRecord> machines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> executions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskTokenRecord> tokens = new(StringComparer.Ordinal);

    public int MaxEndedExecutions { get; } = maxEndedExecutions > 0 ? maxEndedExecutions : throw new ArgumentOutOfRangeException(nameof(maxEndedExecutions), "keep at least one ended execution");

    public Task SaveStateMachineAsync(StateMachineRecord stateMachine, CancellationToken ct = default)
    {
        lock (gate)
        {
            machines[stateMachine.Arn] = stateMachine;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StateMachineRecord>> ListStateMachinesAsync(CancellationToken ct = default)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<StateMachineRecord>>([.. machines.Values]);
        }
    }

    public Task<bool> TryCreateExecutionAsync(ExecutionRecord execution, ExecutionCommit first, CancellationToken ct = default)
    {
        lock (gate)
        {
            if (executions.ContainsKey(execution.ExecutionArn))
            {
                return Task.FromResult(false);
            }

            var entry = new Entry(execution);
            executions[execution.ExecutionArn] = entry;
            Apply(entry, first);
            return Task.FromResult(true);
        }
    }

    public Task<ExecutionRecord?> GetExecutionAsync(string executionArn, CancellationToken ct = default)
    {
        lock (gate)
        {
            return Task.FromResult(executions.TryGetValue(executionArn, out var e) ? e.Record : null);
        }
    }

    public Task<IReadOnlyList<ExecutionRecord>> ListExecutionsAsync(string? stateMachineArn, ExecutionStatus? status, CancellationToken ct = default)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<ExecutionRecord>>(
                [.. executions.Values.Select(e => e.Record)
                    .Where(r => (stateMachineArn is null || r.StateMachineArn == stateMachineArn) && (status is null || r.Status == status))
                    .OrderByDescending(r => r.StartDate)]);
        }
    }

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string executionArn, CancellationToken ct = default)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<HistoryEvent>>(executions.TryGetValue(executionArn, out var e) ? [.. e.History] : []);
        }
    }

    public Task<IReadOnlyDictionary<string, FrameCheckpoint>> GetCheckpointsAsync(string executionArn, CancellationToken ct = default)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyDictionary<string, FrameCheckpoint>>(
                executions.TryGetValue(executionArn, out var e) ? new Dictionary<string, FrameCheckpoint>(e.Checkpoints) : new Dictionary<string, FrameCheckpoint>());
        }
    }

    public Task CommitAsync(string executionArn, ExecutionCommit commit, CancellationToken ct = default)
    {
        lock (gate)
        {
            Apply(executions[executionArn], commit);
        }

        return Task.CompletedTask;
    }

    public Task<TaskTokenRecord?> GetTaskTokenAsync(string taskToken, CancellationToken ct = default)
    {
        lock (gate)
        {
            return Task.FromResult(tokens.TryGetValue(taskToken, out var t) ? t : null);
        }
    }

    public Task<bool> TryCompleteTaskTokenAsync(string taskToken, JsonObject outcome, CancellationToken ct = default)
    {
        lock (gate)
        {
            if (!tokens.TryGetValue(taskToken, out var t) || t.Outcome is not null)
            {
                return Task.FromResult(false);
            }

            tokens[taskToken] = t with { Outcome = outcome };
            return Task.FromResult(true);
        }
    }

    private void Apply(Entry entry, ExecutionCommit commit)
    {
        entry.History.AddRange(commit.Events);
        for (var i = 0; i < commit.Checkpoints.Count; i++)
        {
            var (frame, checkpoint) = commit.Checkpoints[i];
            if (checkpoint is null)
            {
                entry.Checkpoints.Remove(frame);
            }
            else
            {
                entry.Checkpoints[frame] = checkpoint;
            }
        }

        foreach (var token in commit.NewTokens)
        {
            if (tokens.TryAdd(token.Token, token))
            {
                entry.Tokens.Add(token.Token);
            }
        }

        if (commit.End is { } header)
        {
            var wasRunning = entry.Record.Status == ExecutionStatus.Running;
            entry.Record = header;
            if (header.Status == ExecutionStatus.Running)
            {
                return;
            }

            if (header.Status == ExecutionStatus.Succeeded)
            {
                entry.Checkpoints.Clear();
            }

            foreach (var token in entry.Tokens)
            {
                if (tokens[token].Outcome is null)
                {
                    tokens[token] = tokens[token] with { Outcome = new JsonObject { ["closed"] = true } };
                }
            }

            if (wasRunning)
            {
                ended.Enqueue(header.ExecutionArn);
            }

            while (ended.Count > MaxEndedExecutions)
            {
                var oldest = ended.Dequeue();
                if (executions.TryGetValue(oldest, out var dropped) && dropped.Record.Status != ExecutionStatus.Running)
                {
                    executions.Remove(oldest);
                    foreach (var token in dropped.Tokens)
                    {
                        tokens.Remove(token);
                    }
                }
            }
        }
    }

    public Task<int> DeleteEndedBeforeAsync(DateTimeOffset endedBefore, int limit, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        lock (gate)
        {
            var expired = executions.Values
                .Where(e => e.Record.Status != ExecutionStatus.Running && e.Record.StopDate is { } stop && stop < endedBefore)
                .OrderBy(e => e.Record.StopDate)
                .Take(limit)
                .ToList();
            foreach (var entry in expired)
            {
                executions.Remove(entry.Record.ExecutionArn);
                foreach (var token in entry.Tokens)
                {
                    tokens.Remove(token);
                }
            }

            return Task.FromResult(expired.Count);
        }
    }

    private sealed class Entry(ExecutionRecord record)
    {
        public ExecutionRecord Record { get; set; } = record;

        public List<HistoryEvent> History { get; } = new(capacity: 32);

        public Dictionary<string, FrameCheckpoint> Checkpoints { get; } = new(StringComparer.Ordinal);

        public List<string> Tokens { get; } = [];
    }
}
