using Gdpr.Workflows.Lake.Matching;

namespace Gdpr.Workflows.Lake.Formats;

/// <summary>
/// What a scan found in one object: its rows, the rows of each matched subject (a row naming two subjects counts
/// for both), the rows to remove, row groups read and skipped (Parquet), and identifier columns the object lacks.
/// </summary>
public sealed record ObjectScan(long Rows, IReadOnlyDictionary<int, long> RowsBySubject, long MatchedRows, int RowGroups, int RowGroupsSkipped, IReadOnlyList<string> MissingColumns)
{
    public bool Matches => MatchedRows > 0;
}

/// <summary>A rewritten object: the bytes, and the rows it kept and removed.</summary>
public sealed record ObjectRewrite(byte[] Bytes, long RowsKept, long RowsRemoved);

/// <summary>Reads <c>length</c> bytes from <c>offset</c> of one version of an object.</summary>
public delegate Task<byte[]> ReadRange(long offset, int length, CancellationToken cancellationToken);

/// <summary>One file format of the lake: find the batch's rows in an object, and write it again without them.</summary>
public interface ILakeFormat
{
    /// <summary>Decodes only what finding needs (Parquet: the identifier columns of row groups their statistics do not rule out).</summary>
    ObjectScan Scan(byte[] bytes, SubjectMatcher matcher);

    /// <summary>
    /// <see cref="Scan"/> on an object of <paramref name="size"/> bytes fetched through <paramref name="read"/>, fetching
    /// only what finding needs (Parquet: the footer and the identifier column chunks; text formats: everything).
    /// Returns the scan and the bytes fetched.
    /// </summary>
    Task<(ObjectScan Scan, long BytesRead)> ScanAsync(long size, ReadRange read, SubjectMatcher matcher, CancellationToken cancellationToken);

    /// <summary>The object without the matched rows, everything else as it was.</summary>
    ObjectRewrite Rewrite(byte[] bytes, SubjectMatcher matcher);
}
