using System.Globalization;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Lake.Storage;

namespace Gdpr.Workflows.Lake.Erasing;

/// <summary>What happened to one queued task: "answered" (erased or not_held), "suspicious", "failed" (asked again later) or "abandoned".</summary>
public sealed record LakeTaskResult(string RequestId, string State, string? Outcome, string? Reference)
{
    /// <summary>Why a failed batch failed (the exception's type and message; no personal data is read into either).</summary>
    public string? Cause { get; init; }
}

/// <summary>
/// A data-lake system's worker: takes up to a batch of queued tasks, erases all their subjects in one pass
/// (<see cref="LakeEraser"/>), and answers each task with a receipt that lands in the audit trail: objects scanned
/// and rewritten, rows removed, bytes read and written. A subject whose result is suspicious (no objects, objects
/// outside the layout, identifier columns missing, expected but absent) gets a failed task
/// (<see cref="SuspiciousError"/>), never a success. A failed batch fails every task as transient (the workflow asks
/// again); a cancelled batch leaves them queued.
/// </summary>
public sealed class LakeWorker(SystemDefinition system, IObjectStore store, ILakeTaskQueue queue, ISubjectSource subjects, ITaskCallbacks callbacks, TimeProvider time)
{
    public const string SuspiciousError = "DataLake.Suspicious";

    private readonly DataLakeDefinition _lake = system.Lake ?? throw new ArgumentException($"System {system.Name} is not a data lake.", nameof(system));

    /// <summary>The eraser's scan parallelism (default: one per core).</summary>
    public int ScanParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Runs one batch; empty when nothing was queued.</summary>
    /// <exception cref="OperationCanceledException">Cancelled between objects: the lake is as before, the tasks stay queued.</exception>
    public async Task<IReadOnlyList<LakeTaskResult>> RunBatchAsync(CancellationToken cancellationToken = default)
    {
        var tasks = await queue.PendingAsync(_lake.BatchSize, cancellationToken);
        var results = new List<LakeTaskResult>();
        var batch = new List<(ErasureTaskMessage Task, LakeSubject Subject)>();
        foreach (var task in tasks)
        {
            try
            {
                var identifiers = await subjects.GetAsync(task.RequestId, cancellationToken);
                await callbacks.HeartbeatAsync(task.TaskToken, cancellationToken);
                batch.Add((task, new LakeSubject(task.RequestId, identifiers)));
            }
            catch (ErasureException e) when (e.Kind is ErasureErrorKind.Conflict or ErasureErrorKind.NotFound)
            {
                results.Add(await CloseAsync(task, "abandoned", null, null, cancellationToken));
            }
            catch (ErasureException e) when (e.ErrorType == ErasureErrorTypes.SubjectUnavailable)
            {
                results.Add(await FailAsync(task, e.ErrorType, "abandoned", cancellationToken));
            }
        }

        if (batch.Count == 0)
        {
            return results;
        }

        var batchId = time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..4]);
        LakeBatchResult done;
        try
        {
            done = await new LakeEraser(store, _lake) { ScanParallelism = ScanParallelism }.EraseAsync(batchId, batch.Select(b => b.Subject).ToList(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            foreach (var (task, _) in batch)
            {
                results.Add(await FailAsync(task, ErasureErrorTypes.TransientError, "failed", CancellationToken.None) with { Cause = $"{e.GetType().Name}: {e.Message}" });
            }

            return results;
        }

        foreach (var (task, subject) in batch)
        {
            var result = done.Subjects.Single(s => s.RequestId == subject.RequestId);
            if (result.Suspicions.Count > 0)
            {
                results.Add(await FailAsync(task, SuspiciousError, "suspicious", CancellationToken.None));
                continue;
            }

            var reference = Reference(done, result);
            var answer = result.RowsRemoved > 0 ? ErasureAnswer.Erased(reference) : ErasureAnswer.NotHeld(reference);
            try
            {
                await callbacks.CompleteAsync(task.TaskToken, answer, CancellationToken.None);
                results.Add(await CloseAsync(task, "answered", answer.Outcome.WireName(), reference, CancellationToken.None));
            }
            catch (ErasureException e) when (e.Kind is ErasureErrorKind.Conflict or ErasureErrorKind.NotFound)
            {
                results.Add(await CloseAsync(task, "abandoned", answer.Outcome.WireName(), reference, CancellationToken.None));
            }
        }

        return results;
    }

    /// <summary>The receipt: the batch's figures and this subject's share, no personal data.</summary>
    public string Reference(LakeBatchResult batch, LakeSubjectResult subject) => string.Create(CultureInfo.InvariantCulture,
        $"data-lake:{system.Name}:batch={batch.BatchId}:objects-scanned={batch.ObjectsScanned}:objects-rewritten={subject.ObjectsRewritten}:rows-removed={subject.RowsRemoved}:bytes-scanned={batch.BytesScanned}:bytes-written={batch.BytesWritten}:versions-deleted={batch.VersionsDeleted}");

    private async Task<LakeTaskResult> FailAsync(ErasureTaskMessage task, string error, string state, CancellationToken cancellationToken)
    {
        try
        {
            await callbacks.FailAsync(task.TaskToken, error, cancellationToken);
        }
        catch (ErasureException e) when (e.Kind is ErasureErrorKind.Conflict or ErasureErrorKind.NotFound)
        {
            state = "abandoned";
        }

        return await CloseAsync(task, state, null, error, cancellationToken);
    }

    private async Task<LakeTaskResult> CloseAsync(ErasureTaskMessage task, string state, string? outcome, string? reference, CancellationToken cancellationToken)
    {
        await queue.RemoveAsync(task.RequestId, task.TaskToken, cancellationToken);
        return new LakeTaskResult(task.RequestId, state, outcome, reference);
    }
}
