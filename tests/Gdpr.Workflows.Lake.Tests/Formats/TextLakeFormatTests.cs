using System.Text;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Lake.Formats;
using Gdpr.Workflows.Lake.Matching;

namespace Gdpr.Workflows.Lake.Tests.Formats;

public sealed class TextLakeFormatTests
{
    private const string Clicks =
        "{\"ts\":\"2026-12-01T10:00:00Z\",\"user\":{\"email\":\"Jane@Example.com\"},\"page\":\"/\",\"ms\":1.50}\n" +
        "{\"ts\":\"2026-12-01T10:00:01Z\",\"user\":{\"email\":\"bob@example.com\"},\"page\":\"/basket\",\"ms\":2}\r\n" +
        "{\"user\":{\"email\":null},\"customer_id\":\"c-7\",\"page\":\"/help\"}\n" +
        "{\"ts\":\"2026-12-01T10:00:03Z\",\"page\":\"/\",  \"customer_id\":\"c-8\"}\n";

    private const string Orders =
        "order_id,customer_id,email,note\r\n" +
        "1,c-7,jane@example.com,plain\r\n" +
        "2,c-8,bob@example.com,\"a note, with a comma\"\r\n" +
        "3,c-9,\"ann@example.com\",\"two\nlines and \"\"quotes\"\"\"\r\n" +
        "\r\n" +
        "4,c-7,,\r\n";

    private static readonly LakeIdentifierColumn[] JsonColumns = [new("user.email", SubjectIdentifierKind.Email), new("customer_id", SubjectIdentifierKind.CustomerId)];

    private static readonly LakeIdentifierColumn[] CsvColumns = [new("customer_id", SubjectIdentifierKind.CustomerId), new("email", SubjectIdentifierKind.Email)];

    [Theory]
    [InlineData(LakeCompression.None)]
    [InlineData(LakeCompression.Gzip)]
    [InlineData(LakeCompression.Snappy)]
    [InlineData(LakeCompression.Zstd)]
    public void Rewrite_JsonLines_DropsTheSubjectsLinesAndKeepsEveryOtherByte(LakeCompression compression)
    {
        var format = new JsonLinesLakeFormat(compression);
        var original = TextCompression.Compress(Encoding.UTF8.GetBytes(Clicks), compression);
        var matcher = new SubjectMatcher(JsonColumns, [Subject(email: "jane@example.com"), Subject(customerId: "c-7")]);

        var scan = format.Scan(original, matcher);
        var rewrite = format.Rewrite(original, matcher);

        scan.Rows.Should().Be(4);
        scan.RowsBySubject.Should().Equal(new Dictionary<int, long> { [0] = 1, [1] = 1 });
        rewrite.RowsRemoved.Should().Be(2);
        Encoding.UTF8.GetString(TextCompression.Decompress(rewrite.Bytes, compression)).Should().Be(
            "{\"ts\":\"2026-12-01T10:00:01Z\",\"user\":{\"email\":\"bob@example.com\"},\"page\":\"/basket\",\"ms\":2}\r\n" +
            "{\"ts\":\"2026-12-01T10:00:03Z\",\"page\":\"/\",  \"customer_id\":\"c-8\"}\n");
    }

    [Theory]
    [InlineData(LakeCompression.None)]
    [InlineData(LakeCompression.Gzip)]
    [InlineData(LakeCompression.Zstd)]
    public void Rewrite_Csv_DropsTheSubjectsRecordsWithQuotedLineBreaksAndKeepsTheRest(LakeCompression compression)
    {
        var format = new CsvLakeFormat(compression);
        var original = TextCompression.Compress(Encoding.UTF8.GetBytes(Orders), compression);
        var matcher = new SubjectMatcher(CsvColumns, [Subject(customerId: "c-7"), Subject(email: "ANN@example.com")]);

        var rewrite = format.Rewrite(original, matcher);

        rewrite.RowsRemoved.Should().Be(3);
        rewrite.RowsKept.Should().Be(1);
        Encoding.UTF8.GetString(TextCompression.Decompress(rewrite.Bytes, compression)).Should().Be(
            "order_id,customer_id,email,note\r\n" +
            "2,c-8,bob@example.com,\"a note, with a comma\"\r\n" +
            "\r\n");
    }

    [Fact]
    public void Scan_CsvWithoutAnIdentifierColumn_ReportsItMissing()
    {
        var format = new CsvLakeFormat(LakeCompression.None);
        var matcher = new SubjectMatcher([new("phone", SubjectIdentifierKind.Phone)], [Subject(customerId: "c-7")]);

        format.Scan(Encoding.UTF8.GetBytes(Orders), matcher).MissingColumns.Should().Equal("phone");
    }

    [Fact]
    public void Scan_JsonLineThatIsNotAnObject_FailsTheObject()
    {
        var format = new JsonLinesLakeFormat(LakeCompression.None);
        var matcher = new SubjectMatcher(JsonColumns, [Subject(customerId: "c-7")]);

        var scan = () => format.Scan(Encoding.UTF8.GetBytes("{\"customer_id\":\"c-1\"}\n[1,2]\n"), matcher);

        scan.Should().Throw<InvalidDataException>().WithMessage("Line 2 *");
    }

    [Fact]
    public void Scan_HashedColumn_MatchesTheHashOfTheNormalisedIdentifier()
    {
        var format = new CsvLakeFormat(LakeCompression.None);
        var hash = SubjectMatcher.Hash(LakeIdentifierHash.Sha256, "jane@example.com");
        var matcher = new SubjectMatcher([new("email_sha256", SubjectIdentifierKind.Email, LakeIdentifierHash.Sha256)], [Subject(email: "Jane@Example.com")]);

        var scan = format.Scan(Encoding.UTF8.GetBytes($"id,email_sha256\n1,{hash}\n2,{SubjectMatcher.Hash(LakeIdentifierHash.Sha256, "bob@example.com")}\n"), matcher);

        scan.MatchedRows.Should().Be(1);
    }

    private static SubjectIdentifiers Subject(string? customerId = null, string? email = null) => ParquetLakeFormatTests.Subject(customerId, email);
}
