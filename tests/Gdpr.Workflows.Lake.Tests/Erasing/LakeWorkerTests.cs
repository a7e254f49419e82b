using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Lake.Erasing;
using Gdpr.Workflows.Lake.Storage;
using Gdpr.Workflows.Lake.Tests.Formats;
using Gdpr.Workflows.Lake.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.Lake.Tests.Erasing;

public sealed class LakeWorkerTests(S3Lake s3) : IClassFixture<S3Lake>
{
    private readonly RecordingCallbacks _callbacks = new();
    private readonly InMemoryLakeTaskQueue _queue = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task RunBatchAsync_QueuedTasks_OnePassAnswersEachWithItsReceipt()
    {
        var (worker, _) = await WorkerAsync(expectEverySubject: false);
        await _queue.EnqueueAsync(new ErasureTaskMessage("r-1", "orders-lake", "token-1", 3600, 86400));
        await _queue.EnqueueAsync(new ErasureTaskMessage("r-2", "orders-lake", "token-2", 3600, 86400));

        var results = await worker.RunBatchAsync();

        results.Select(r => (r.RequestId, r.State, r.Outcome)).Should().Equal(("r-1", "answered", "erased"), ("r-2", "answered", "not_held"));
        _callbacks.Completed["token-1"].Receipt.Reference.Should().MatchRegex(
            "^data-lake:orders-lake:batch=20261205T120000Z-[0-9a-f]{8}:objects-scanned=2:objects-rewritten=1:rows-removed=1:bytes-scanned=[0-9]+:bytes-written=[0-9]+:versions-deleted=1$");
        _callbacks.Completed["token-2"].Outcome.Should().Be(ErasureOutcome.NotHeld);
        _callbacks.Heartbeats.Should().BeEquivalentTo(["token-1", "token-2"]);
        (await _queue.PendingAsync(10)).Should().BeEmpty();
    }

    [Fact]
    public async Task RunBatchAsync_SubjectExpectedButAbsent_FailsTheTaskAsSuspiciousNotSuccess()
    {
        var (worker, _) = await WorkerAsync(expectEverySubject: true);
        await _queue.EnqueueAsync(new ErasureTaskMessage("r-2", "orders-lake", "token-2", 3600, 86400));

        var results = await worker.RunBatchAsync();

        results.Single().State.Should().Be("suspicious");
        _callbacks.Failed["token-2"].Should().Be(LakeWorker.SuspiciousError);
        _callbacks.Completed.Should().BeEmpty();
    }

    [Fact]
    public async Task RunBatchAsync_IdentifiersGoneFromTheVault_FailsThatTaskAndErasesTheOthers()
    {
        var (worker, _) = await WorkerAsync(expectEverySubject: false);
        await _queue.EnqueueAsync(new ErasureTaskMessage("r-gone", "orders-lake", "token-0", 3600, 86400));
        await _queue.EnqueueAsync(new ErasureTaskMessage("r-1", "orders-lake", "token-1", 3600, 86400));

        var results = await worker.RunBatchAsync();

        results.Select(r => (r.RequestId, r.State)).Should().Equal(("r-gone", "abandoned"), ("r-1", "answered"));
        _callbacks.Failed["token-0"].Should().Be(ErasureErrorTypes.SubjectUnavailable);
    }

    private async Task<(LakeWorker Worker, string Bucket)> WorkerAsync(bool expectEverySubject)
    {
        var bucket = await s3.NewBucketAsync();
        await s3.PutAsync(bucket, "orders/dt=2026-12-01/part-0.parquet", await LakeRows.WriteAsync(LakeRows.Orders(30)));
        await s3.PutAsync(bucket, "orders/dt=2026-12-02/part-0.parquet", await LakeRows.WriteAsync(LakeRows.Orders(30, 30)));
        var lake = new DataLakeDefinition(bucket, ["orders/"], LakeFileFormat.Parquet, LakeCompression.None, [new("customer_id", SubjectIdentifierKind.CustomerId)], ["dt"], expectEverySubject);
        var system = new SystemDefinition("orders-lake", "data-platform", ErasureMode.Async, 86400, 3600, "orders-lake", [], []) { Lake = lake };
        var worker = new LakeWorker(system, new S3ObjectStore(s3.Client, bucket), _queue, new Subjects(), _callbacks, _time) { ScanParallelism = 2 };
        return (worker, bucket);
    }

    /// <summary>The vault as the worker sees it: r-1 is customer c-00045, r-2 a customer the lake never had, r-gone shredded.</summary>
    private sealed class Subjects : ISubjectSource
    {
        public Task<SubjectIdentifiers> GetAsync(string requestId, CancellationToken cancellationToken = default) => requestId switch
        {
            "r-1" => Task.FromResult(ParquetLakeFormatTests.Subject(customerId: "c-00045")),
            "r-2" => Task.FromResult(ParquetLakeFormatTests.Subject(customerId: "c-77777", email: "nobody@example.com")),
            _ => throw new ErasureException(ErasureErrorKind.Failed, ErasureErrorTypes.SubjectUnavailable, $"The identifiers of request {requestId} are gone."),
        };
    }
}
