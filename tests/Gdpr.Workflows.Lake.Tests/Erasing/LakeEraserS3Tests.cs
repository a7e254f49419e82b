using System.Text;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Lake.Erasing;
using Gdpr.Workflows.Lake.Formats;
using Gdpr.Workflows.Lake.Storage;
using Gdpr.Workflows.Lake.Tests.Formats;
using Gdpr.Workflows.Lake.Tests.Support;

namespace Gdpr.Workflows.Lake.Tests.Erasing;

/// <summary>The eraser on the wire: moto_server's S3, a versioned bucket per test.</summary>
public sealed class LakeEraserS3Tests(S3Lake s3) : IClassFixture<S3Lake>
{
    private static readonly DataLakeDefinition OrdersLake = new("unused", ["orders/"], LakeFileFormat.Parquet, LakeCompression.None,
        [new("customer_id", SubjectIdentifierKind.CustomerId), new("email", SubjectIdentifierKind.Email), new("shipping.email", SubjectIdentifierKind.Email)], ["dt"]);

    [Fact]
    public async Task EraseAsync_VersionedBucket_RewritesOnlyAffectedObjectsAndDeletesTheirEarlierVersions()
    {
        var bucket = await s3.NewBucketAsync();
        var files = new[] { await LakeRows.WriteAsync(LakeRows.Orders(100, 0)), await LakeRows.WriteAsync(LakeRows.Orders(100, 100)), await LakeRows.WriteAsync(LakeRows.Orders(100, 200)) };
        for (var i = 0; i < files.Length; i++)
        {
            await s3.PutAsync(bucket, $"orders/dt=2026-12-0{i + 1}/part-0.parquet", files[i]);
        }

        var eraser = new LakeEraser(new S3ObjectStore(s3.Client, bucket), OrdersLake);
        var result = await eraser.EraseAsync("b-1", [
            new LakeSubject("r-1", ParquetLakeFormatTests.Subject(customerId: "c-00007")),
            new LakeSubject("r-2", ParquetLakeFormatTests.Subject(email: "CUSTOMER150@example.com")),
            new LakeSubject("r-3", ParquetLakeFormatTests.Subject(customerId: "c-99999"))]);

        result.ObjectsScanned.Should().Be(3);
        result.ObjectsRewritten.Should().Be(2);
        result.RowsRemoved.Should().Be(2);
        result.VersionsDeleted.Should().Be(2);
        result.Subjects.Select(s => (s.RequestId, s.RowsRemoved, s.ObjectsRewritten, s.Suspicions.Count)).Should().Equal(("r-1", 1L, 1, 0), ("r-2", 1L, 1, 0), ("r-3", 0L, 0, 0));
        foreach (var (i, removed) in new[] { (0, "c-00007"), (1, "c-00150") })
        {
            var key = $"orders/dt=2026-12-0{i + 1}/part-0.parquet";
            var after = await s3.GetAsync(bucket, key);
            (await LakeRows.ReadAsync(after)).Select(r => r.Fingerprint()).Should().Equal((await LakeRows.ReadAsync(files[i])).Where(r => r.CustomerId != removed).Select(r => r.Fingerprint()));
            ParquetLakeFormat.SchemaDifference(files[i], after).Should().BeNull();
            (await s3.VersionCountAsync(bucket, key)).Should().Be(1, "the version holding the erased rows is deleted");
        }

        (await s3.GetAsync(bucket, "orders/dt=2026-12-03/part-0.parquet")).Should().Equal(files[2]);
    }

    [Theory]
    [InlineData(LakeFileFormat.JsonLines, LakeCompression.Gzip)]
    [InlineData(LakeFileFormat.JsonLines, LakeCompression.None)]
    [InlineData(LakeFileFormat.Csv, LakeCompression.Zstd)]
    [InlineData(LakeFileFormat.Csv, LakeCompression.Snappy)]
    public async Task EraseAsync_TextFormats_RemoveTheSubjectsRecordsOnS3(LakeFileFormat format, LakeCompression compression)
    {
        var bucket = await s3.NewBucketAsync();
        var text = format == LakeFileFormat.Csv
            ? "customer_id,email,page\nc-1,jane@example.com,/\nc-2,bob@example.com,/basket\n"
            : "{\"customer_id\":\"c-1\",\"email\":\"jane@example.com\"}\n{\"customer_id\":\"c-2\",\"email\":\"bob@example.com\"}\n";
        await s3.PutAsync(bucket, "clicks/part-0", TextCompression.Compress(Encoding.UTF8.GetBytes(text), compression));
        var lake = new DataLakeDefinition(bucket, ["clicks/"], format, compression, [new("email", SubjectIdentifierKind.Email)], []);

        var result = await new LakeEraser(new S3ObjectStore(s3.Client, bucket), lake).EraseAsync("b-1", [new LakeSubject("r-1", ParquetLakeFormatTests.Subject(email: "Jane@example.com"))]);

        result.RowsRemoved.Should().Be(1);
        var after = Encoding.UTF8.GetString(TextCompression.Decompress(await s3.GetAsync(bucket, "clicks/part-0"), compression));
        after.Should().Be(text.Split('\n')[0].StartsWith("customer_id", StringComparison.Ordinal)
            ? "customer_id,email,page\nc-2,bob@example.com,/basket\n"
            : "{\"customer_id\":\"c-2\",\"email\":\"bob@example.com\"}\n");
        (await s3.VersionCountAsync(bucket, "clicks/part-0")).Should().Be(1);
    }

    [Fact]
    public async Task EraseAsync_ConcurrentWriterChangesTheObject_ConditionalWriteFailsAndTheirVersionIsErasedToo()
    {
        var bucket = await s3.NewBucketAsync();
        const string key = "orders/dt=2026-12-01/part-0.parquet";
        await s3.PutAsync(bucket, key, await LakeRows.WriteAsync(LakeRows.Orders(50)));
        // Between our read and our write, the pipeline rewrites the object with more rows (the subject still in it).
        var theirs = await LakeRows.WriteAsync(LakeRows.Orders(60));
        var store = new InterferingStore(new S3ObjectStore(s3.Client, bucket))
        {
            BeforeReplace = async (k, call) =>
            {
                if (call == 1)
                {
                    await s3.PutAsync(bucket, k, theirs);
                }
            },
        };

        var result = await new LakeEraser(store, OrdersLake).EraseAsync("b-1", [new LakeSubject("r-1", ParquetLakeFormatTests.Subject(customerId: "c-00007"))]);

        result.ConflictRetries.Should().Be(1);
        var after = await LakeRows.ReadAsync(await s3.GetAsync(bucket, key));
        after.Should().HaveCount(59, "their 60 rows less the subject's");
        after.Should().NotContain(r => r.CustomerId == "c-00007");
        (await s3.VersionCountAsync(bucket, key)).Should().Be(1, "the original and the writer's version held the subject");
    }

    [Fact]
    public async Task EraseAsync_ObjectWrittenBetweenListingAndScan_ScansTheNewVersionWhole()
    {
        var bucket = await s3.NewBucketAsync();
        var key = "orders/dt=2026-12-01/part-0.parquet";
        await s3.PutAsync(bucket, key, await LakeRows.WriteAsync(LakeRows.Orders(50)));
        // After the listing, before the first ranged read, the pipeline writes a version that now holds the subject.
        var theirs = await LakeRows.WriteAsync(LakeRows.Orders(60, 40));
        var store = new InterferingStore(new S3ObjectStore(s3.Client, bucket))
        {
            BeforeRangeRead = async (k, call) =>
            {
                if (call == 1)
                {
                    await s3.PutAsync(bucket, k, theirs);
                }
            },
        };

        var result = await new LakeEraser(store, OrdersLake).EraseAsync("b-1", [new LakeSubject("r-1", ParquetLakeFormatTests.Subject(customerId: "c-00077"))]);

        result.RowsRemoved.Should().Be(1);
        result.BytesScanned.Should().Be(theirs.Length, "the ranged read was refused (If-Match) and the current version read whole");
        var after = await LakeRows.ReadAsync(await s3.GetAsync(bucket, key));
        after.Should().HaveCount(59).And.NotContain(r => r.CustomerId == "c-00077");
    }

    [Fact]
    public async Task EraseAsync_CancelledBetweenObjects_UndoesEveryReplacementAndLeavesTheLakeAsBefore()
    {
        var bucket = await s3.NewBucketAsync();
        var files = new List<byte[]>();
        for (var i = 0; i < 3; i++)
        {
            files.Add(await LakeRows.WriteAsync(LakeRows.Orders(20, i * 20)));
            await s3.PutAsync(bucket, $"orders/dt=2026-12-0{i + 1}/part-0.parquet", files[i]);
        }

        using var cancel = new CancellationTokenSource();
        var store = new InterferingStore(new S3ObjectStore(s3.Client, bucket)) { AfterReplace = (_, call) => cancel.Cancel() };
        var subjects = new[] { "c-00001", "c-00021", "c-00041" }.Select((id, i) => new LakeSubject($"r-{i}", ParquetLakeFormatTests.Subject(customerId: id))).ToList();

        var erase = () => new LakeEraser(store, OrdersLake).EraseAsync("b-1", subjects, cancel.Token);

        await erase.Should().ThrowAsync<OperationCanceledException>();
        for (var i = 0; i < 3; i++)
        {
            var key = $"orders/dt=2026-12-0{i + 1}/part-0.parquet";
            (await s3.GetAsync(bucket, key)).Should().Equal(files[i]);
            (await s3.VersionCountAsync(bucket, key)).Should().Be(1, "our version of the first object was deleted again");
        }
    }

    [Fact]
    public async Task EraseAsync_ObjectsOutsideTheLayoutOrNoneAtAll_AreSuspicious()
    {
        var bucket = await s3.NewBucketAsync();
        await s3.PutAsync(bucket, "orders/2026-12-01/part-0.parquet", await LakeRows.WriteAsync(LakeRows.Orders(5)));
        var store = new S3ObjectStore(s3.Client, bucket);
        var subject = new LakeSubject("r-1", ParquetLakeFormatTests.Subject(customerId: "c-00001"));

        var outside = await new LakeEraser(store, OrdersLake).EraseAsync("b-1", [subject]);
        var empty = await new LakeEraser(store, OrdersLake with { Prefixes = ["orderz/"] }).EraseAsync("b-2", [subject]);

        outside.Subjects[0].Suspicions.Should().Equal("1 objects outside the partition layout");
        empty.Subjects[0].Suspicions.Should().Equal("no objects under the prefixes");
    }
}
