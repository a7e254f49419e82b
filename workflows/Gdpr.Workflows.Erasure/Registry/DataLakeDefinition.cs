using Gdpr.Workflows.Erasure.Subjects;

namespace Gdpr.Workflows.Erasure.Registry;

/// <summary>How a data lake's files are laid out row by row.</summary>
public enum LakeFileFormat
{
    Parquet,

    /// <summary>One JSON object per line.</summary>
    JsonLines,

    /// <summary>RFC 4180 CSV with a header line.</summary>
    Csv,
}

/// <summary>
/// How the text formats' files are compressed as a whole (Parquet compresses inside the file: its codecs are read from
/// each file and kept). Snappy is the framing format (<c>.sz</c>), not Hadoop's block format.
/// </summary>
public enum LakeCompression
{
    None,
    Gzip,
    Snappy,
    Zstd,
}

/// <summary>A hash an identifier column holds instead of the raw value: of the normalised identifier, lower-case hex.</summary>
public enum LakeIdentifierHash
{
    None,
    Sha256,
    Sha1,
    Md5,
}

/// <summary>
/// A column that holds a subject identifier of one kind: "email", "customer.id" (a nested field, dotted path), raw
/// or hashed. A row is the subject's when any identifier column holds one of the subject's identifiers of its kind.
/// </summary>
public sealed record LakeIdentifierColumn(string Name, SubjectIdentifierKind Kind, LakeIdentifierHash Hash = LakeIdentifierHash.None);

/// <summary>
/// A data-lake system: objects under <see cref="Prefixes"/> of <see cref="Bucket"/> (an S3 bucket, or a local folder's
/// name), all in one <see cref="Format"/>. <see cref="PartitionKeys"/> is the Hive layout the objects follow
/// (<c>dt=2026-12-05/region=uk/part-0.parquet</c>): an object outside it is reported, never skipped silently.
/// <see cref="ExpectEverySubject"/> says every erased subject is expected in the table (a customer master export):
/// no match then is suspicious, not "not held".
/// </summary>
public sealed record DataLakeDefinition(
    string Bucket,
    IReadOnlyList<string> Prefixes,
    LakeFileFormat Format,
    LakeCompression Compression,
    IReadOnlyList<LakeIdentifierColumn> Columns,
    IReadOnlyList<string> PartitionKeys,
    bool ExpectEverySubject = false)
{
    /// <summary>How many subjects one pass over the data erases at most.</summary>
    public int BatchSize { get; init; } = 1000;
}
