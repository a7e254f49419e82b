using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Vault;

namespace Gdpr.Workflows.Reliability.Tests.Support;

/// <summary>In-memory stores that count every write, so a property can say "nothing was stored".</summary>
internal sealed class CountingStores
{
    public CountingRequestStore Requests { get; } = new(new InMemoryRequestStore());

    public CountingVaultStore Vault { get; } = new(new InMemorySubjectVaultStore());

    public CountingAuditStore Audit { get; } = new(new InMemoryAuditLedgerStore());

    /// <summary>Writes of every store so far.</summary>
    public int Writes => Requests.Writes + Vault.Writes + Audit.Writes;
}

internal sealed class CountingRequestStore(IRequestStore inner) : IRequestStore
{
    private int writes;

    public int Writes => writes;

    public Task<CreateRequestResult> CreateAsync(ErasureRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref writes);
        return inner.CreateAsync(request, cancellationToken);
    }

    public Task<ErasureRequest?> GetAsync(string requestId, CancellationToken cancellationToken = default) => inner.GetAsync(requestId, cancellationToken);

    public Task<bool> TryReplaceAsync(ErasureRequest updated, long expectedVersion, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref writes);
        return inner.TryReplaceAsync(updated, expectedVersion, cancellationToken);
    }

    public Task<RequestPage> QueryOpenByDeadlineAsync(int pageSize, string? continuationToken = null, CancellationToken cancellationToken = default) =>
        inner.QueryOpenByDeadlineAsync(pageSize, continuationToken, cancellationToken);

    public Task<RequestPage> QueryByStatusAsync(RequestStatus status, int pageSize, string? continuationToken = null, CancellationToken cancellationToken = default) =>
        inner.QueryByStatusAsync(status, pageSize, continuationToken, cancellationToken);

    public Task<RequestPage> QueryBySubjectHashAsync(string subjectHash, int pageSize, string? continuationToken = null, CancellationToken cancellationToken = default) =>
        inner.QueryBySubjectHashAsync(subjectHash, pageSize, continuationToken, cancellationToken);
}

internal sealed class CountingVaultStore(ISubjectVaultStore inner) : ISubjectVaultStore
{
    private int writes;

    public int Writes => writes;

    public Task<bool> TryPutAsync(string requestId, SealedSubjectRecord record, WrappedDataKey key, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref writes);
        return inner.TryPutAsync(requestId, record, key, cancellationToken);
    }

    public Task<SealedSubjectRecord?> GetRecordAsync(string requestId, CancellationToken cancellationToken = default) => inner.GetRecordAsync(requestId, cancellationToken);

    public Task<WrappedDataKey?> GetKeyAsync(string requestId, CancellationToken cancellationToken = default) => inner.GetKeyAsync(requestId, cancellationToken);

    public Task<bool> DeleteKeyAsync(string requestId, CancellationToken cancellationToken = default) => inner.DeleteKeyAsync(requestId, cancellationToken);

    public Task<bool> DeleteRecordAsync(string requestId, CancellationToken cancellationToken = default) => inner.DeleteRecordAsync(requestId, cancellationToken);

    public Task KeepSealedUntilAsync(string requestId, DateTimeOffset until, CancellationToken cancellationToken = default) => inner.KeepSealedUntilAsync(requestId, until, cancellationToken);
}

internal sealed class CountingAuditStore(IAuditLedgerStore inner) : IAuditLedgerStore
{
    private int writes;

    public int Writes => writes;

    public Task<AuditAppendResult> TryAppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref writes);
        return inner.TryAppendAsync(auditEvent, cancellationToken);
    }

    public Task<AuditEvent?> GetLastAsync(string requestId, CancellationToken cancellationToken = default) => inner.GetLastAsync(requestId, cancellationToken);

    public Task<AuditEvent?> FindByIdempotencyKeyAsync(string requestId, string idempotencyKey, CancellationToken cancellationToken = default) =>
        inner.FindByIdempotencyKeyAsync(requestId, idempotencyKey, cancellationToken);

    public Task<IReadOnlyList<AuditEvent>> ReadAllAsync(string requestId, CancellationToken cancellationToken = default) => inner.ReadAllAsync(requestId, cancellationToken);
}

/// <summary>Counts workflow starts; answers tasks it issued once, like Step Functions.</summary>
internal sealed class CountingWorkflow : IWorkflowStarter, IWorkflowTasks
{
    private readonly HashSet<string> open = new(StringComparer.Ordinal);
    private readonly HashSet<string> answered = new(StringComparer.Ordinal);
    private int starts;

    public int Starts => starts;

    public List<string> Outputs { get; } = [];

    public void Issue(string token)
    {
        lock (open)
        {
            open.Add(token);
        }
    }

    public Task<WorkflowStart> StartAsync(string requestId, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref starts);
        return Task.FromResult(new WorkflowStart("arn:aws:states:eu-west-2:123456789012:execution:erasure:" + requestId, AlreadyStarted: false));
    }

    public Task<WorkflowStopResult> StopAsync(string requestId, string? executionId, string error, string cause, CancellationToken cancellationToken = default) =>
        Task.FromResult(WorkflowStopResult.Stopped);

    public Task<TaskAnswerResult> SendSuccessAsync(string taskToken, string outputJson, CancellationToken cancellationToken = default)
    {
        var result = Close(taskToken);
        if (result == TaskAnswerResult.Delivered)
        {
            lock (Outputs)
            {
                Outputs.Add(outputJson);
            }
        }

        return Task.FromResult(result);
    }

    public Task<TaskAnswerResult> SendFailureAsync(string taskToken, string error, string cause, CancellationToken cancellationToken = default) =>
        Task.FromResult(Close(taskToken));

    public Task<TaskAnswerResult> SendHeartbeatAsync(string taskToken, CancellationToken cancellationToken = default)
    {
        lock (open)
        {
            return Task.FromResult(open.Contains(taskToken) ? TaskAnswerResult.Delivered : TaskAnswerResult.UnknownToken);
        }
    }

    private TaskAnswerResult Close(string token)
    {
        lock (open)
        {
            if (open.Remove(token))
            {
                answered.Add(token);
                return TaskAnswerResult.Delivered;
            }

            return answered.Contains(token) ? TaskAnswerResult.TaskClosed : TaskAnswerResult.UnknownToken;
        }
    }
}
