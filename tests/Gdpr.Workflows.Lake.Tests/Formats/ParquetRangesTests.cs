using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Lake.Formats;
using Gdpr.Workflows.Lake.Matching;
using Gdpr.Workflows.Lake.Tests.Support;
using Parquet;

namespace Gdpr.Workflows.Lake.Tests.Formats;

/// <summary>The ranged scan: the same findings as scanning the whole object, from the footer and the identifier chunks only.</summary>
public sealed class ParquetRangesTests
{
    private readonly ParquetLakeFormat _format = new();

    [Theory]
    [InlineData(CompressionMethod.Snappy)]
    [InlineData(CompressionMethod.Gzip)]
    [InlineData(CompressionMethod.None)]
    public async Task ScanAsync_FileFromAnotherWriter_FindsWhatTheWholeScanFinds(CompressionMethod codec)
    {
        var file = await LakeRows.WriteAsync(LakeRows.Orders(2_000), codec, rowGroupSize: 250);
        var matcher = new SubjectMatcher(ParquetLakeFormatTests.Columns, [Subject(customerId: "c-00007"), Subject(email: "customer1042@example.com"), Subject(email: "gift110@example.org")]);
        var source = new RecordingSource(file);

        var (scan, read) = await _format.ScanAsync(file.Length, source.ReadAsync, matcher, CancellationToken.None);

        Comparable(scan).Should().Be(Comparable(_format.Scan(file, matcher)));
        scan.MatchedRows.Should().Be(3);
        read.Should().Be(source.BytesRead);
    }

    [Fact]
    public async Task ScanAsync_WideOtherColumns_FetchesTheFooterAndIdentifierChunksOnly()
    {
        var file = ArrowCppFiles.WithPayload(rows: 4_000, rowGroupSize: 1_000, payloadBytes: 1_000);
        var matcher = new SubjectMatcher([new("customer_id", SubjectIdentifierKind.CustomerId)], [Subject(customerId: "c-00042"), Subject(customerId: "c-03999")]);
        var source = new RecordingSource(file);

        var (scan, read) = await _format.ScanAsync(file.Length, source.ReadAsync, matcher, CancellationToken.None);

        Comparable(scan).Should().Be(Comparable(_format.Scan(file, matcher)));
        scan.MatchedRows.Should().Be(2);
        // 4 MB of payload, two 1,000-row customer_id chunks of a few kilobytes each, a footer of a few kilobytes.
        read.Should().BeLessThan(file.Length / 20, "the payload column is never fetched");
        source.Reads.Should().HaveCount(3, "the footer, then the first and the last row group's id chunk, too far apart to merge");
    }

    [Fact]
    public async Task ScanAsync_RowGroupsRuledOutByStatistics_AreNotFetched()
    {
        var file = ArrowCppFiles.WithPayload(rows: 4_000, rowGroupSize: 1_000, payloadBytes: 1_000);
        var one = new RecordingSource(file);
        var every = new RecordingSource(file);

        var (oneScan, _) = await _format.ScanAsync(file.Length, one.ReadAsync, Matcher("c-02500"), CancellationToken.None);
        var (everyScan, _) = await _format.ScanAsync(file.Length, every.ReadAsync, Matcher("c-00500", "c-01500", "c-02500", "c-03500"), CancellationToken.None);

        oneScan.RowGroupsSkipped.Should().Be(3);
        everyScan.RowGroupsSkipped.Should().Be(0);
        one.Reads.Should().HaveCount(2, "the footer and the one row group's id chunk");
        every.Reads.Should().HaveCount(5);
        one.BytesRead.Should().BeLessThan(every.BytesRead);
    }

    [Fact]
    public async Task ScanAsync_FooterLongerThanTheFirstRead_ReadsTheRestOfTheFooter()
    {
        var file = ArrowCppFiles.Sorted(3_000, rowGroupSize: 2); // 1,500 row groups: a footer of several hundred kilobytes
        var matcher = Matcher("c-01234");
        var source = new RecordingSource(file);

        var (scan, _) = await _format.ScanAsync(file.Length, source.ReadAsync, matcher, CancellationToken.None);

        Comparable(scan).Should().Be(Comparable(_format.Scan(file, matcher)));
        scan.MatchedRows.Should().Be(1);
        source.Reads[1].Offset.Should().BeLessThan(source.Reads[0].Offset, "the second read fetches the footer's start, before the first read");
    }

    [Fact]
    public async Task ScanAsync_NotParquet_FetchesItWholeAndFailsAsTheWholeScanFails()
    {
        var file = new byte[100_000];
        new Random(7).NextBytes(file);
        var source = new RecordingSource(file);

        var ranged = async () => await _format.ScanAsync(file.Length, source.ReadAsync, Matcher("c-1"), CancellationToken.None);

        (await ranged.Should().ThrowAsync<Exception>()).Which.GetType().Should().Be(Record.Exception(() => _format.Scan(file, Matcher("c-1")))!.GetType());
        source.BytesRead.Should().Be(file.Length);
    }

    private static SubjectMatcher Matcher(params string[] customerIds) =>
        new([new("customer_id", SubjectIdentifierKind.CustomerId)], customerIds.Select(id => Subject(customerId: id)).ToList());

    private static SubjectIdentifiers Subject(string? customerId = null, string? email = null) => ParquetLakeFormatTests.Subject(customerId: customerId, email: email);

    private static string Comparable(ObjectScan scan) =>
        $"{scan.Rows}|{scan.MatchedRows}|{scan.RowGroups}|{scan.RowGroupsSkipped}|{string.Join(',', scan.RowsBySubject.OrderBy(p => p.Key))}|{string.Join(',', scan.MissingColumns)}";

    /// <summary>An object read by ranges, each range recorded.</summary>
    private sealed class RecordingSource(byte[] bytes)
    {
        public List<(long Offset, int Length)> Reads { get; } = [];

        public long BytesRead => Reads.Sum(r => (long)r.Length);

        public Task<byte[]> ReadAsync(long offset, int length, CancellationToken cancellationToken)
        {
            lock (Reads)
            {
                Reads.Add((offset, length));
            }

            return Task.FromResult(bytes.AsSpan((int)offset, length).ToArray());
        }
    }
}
