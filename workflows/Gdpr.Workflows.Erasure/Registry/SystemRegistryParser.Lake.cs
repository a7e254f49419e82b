using Gdpr.Workflows.Erasure.Subjects;
using YamlDotNet.RepresentationModel;

namespace Gdpr.Workflows.Erasure.Registry;

/// <summary>
/// The <c>lake</c> block of a <c>kind: data-lake</c> system (mode async: its worker answers the tasks in batches):
/// <code>
///   kind: data-lake
///   lake:
///     bucket: retail-lake
///     prefixes: [exports/orders/]
///     format: parquet              # parquet | jsonl | csv
///     compression: none            # none | gzip | snappy | zstd (jsonl/csv; Parquet keeps each file's codecs)
///     partitions: [dt]             # the Hive layout (key=value folders), may be empty
///     expectEverySubject: false
///     batchSize: 1000
///     columns:
///       - {name: customer_id, kind: customer-id}
///       - {name: email_sha256, kind: email, hash: sha256}
/// </code>
/// </summary>
internal static partial class SystemRegistryParser
{
    private static readonly string[] LakeFields = ["bucket", "prefixes", "format", "compression", "partitions", "expectEverySubject", "batchSize", "columns"];

    private static readonly string[] LakeColumnFields = ["name", "kind", "hash"];

    private static DataLakeDefinition? ParseLake(YamlMappingNode system, ErasureMode mode, Func<YamlNode, string, string, SystemRegistryException> error)
    {
        var kindNode = Find(system, "kind");
        var kind = kindNode is null ? "service" : Scalar(kindNode);
        var lakeNode = Find(system, "lake");
        if (kind == "service")
        {
            return lakeNode is null ? null : throw error(lakeNode, "lake", "belongs to a system of kind data-lake.");
        }

        if (kind != "data-lake")
        {
            throw error(kindNode!, "kind", $"must be 'service' (default) or 'data-lake', not '{kind}'.");
        }

        if (mode != ErasureMode.Async)
        {
            throw error(kindNode!, "mode", "must be async for a data-lake system: its worker answers the tasks in batches.");
        }

        if (lakeNode is not YamlMappingNode lake)
        {
            throw error(lakeNode ?? system, "lake", "is required for a data-lake system (bucket, prefixes, format, columns).");
        }

        foreach (var key in lake.Children.Keys)
        {
            if (!LakeFields.Contains(Scalar(key), StringComparer.Ordinal))
            {
                throw error(key, $"lake.{Scalar(key)}", $"is not a known field; expected one of: {string.Join(", ", LakeFields)}.");
            }
        }

        string Required(string field) => Find(lake, field) is YamlScalarNode node && Scalar(node).Trim() is { Length: > 0 } text
            ? text
            : throw error(Find(lake, field) ?? lake, $"lake.{field}", "is required text.");

        var bucket = Required("bucket");
        if (bucket.Length > 255 || bucket.Contains("..", StringComparison.Ordinal) || bucket.Any(c => c is '/' or '\\' || char.IsWhiteSpace(c)))
        {
            throw error(Find(lake, "bucket")!, "lake.bucket", "must be a bucket name (no slashes, spaces or '..').");
        }

        var prefixes = Texts(lake, "prefixes", error);
        if (prefixes.Count == 0 || prefixes.Any(p => p.StartsWith('/') || p.Contains("..", StringComparison.Ordinal)))
        {
            throw error(Find(lake, "prefixes") ?? lake, "lake.prefixes", "must list at least one key prefix, relative (no leading '/', no '..').");
        }

        var format = Required("format") switch
        {
            "parquet" => LakeFileFormat.Parquet,
            "jsonl" => LakeFileFormat.JsonLines,
            "csv" => LakeFileFormat.Csv,
            var other => throw error(Find(lake, "format")!, "lake.format", $"must be parquet, jsonl or csv, not '{other}'."),
        };
        var compression = Find(lake, "compression") is { } compressionNode
            ? Scalar(compressionNode) switch
            {
                "none" => LakeCompression.None,
                "gzip" => LakeCompression.Gzip,
                "snappy" => LakeCompression.Snappy,
                "zstd" => LakeCompression.Zstd,
                var other => throw error(compressionNode, "lake.compression", $"must be none, gzip, snappy or zstd, not '{other}'."),
            }
            : LakeCompression.None;
        if (format == LakeFileFormat.Parquet && compression != LakeCompression.None)
        {
            throw error(Find(lake, "compression")!, "lake.compression", "is for jsonl and csv files; Parquet files keep the codecs they were written with.");
        }

        var partitions = Texts(lake, "partitions", error);
        var expectAll = Find(lake, "expectEverySubject") is { } expectNode
            ? Scalar(expectNode) switch
            {
                "true" => true,
                "false" => false,
                var other => throw error(expectNode, "lake.expectEverySubject", $"must be true or false, not '{other}'."),
            }
            : false;
        var batchSize = 1000;
        if (Find(lake, "batchSize") is { } batchNode && !(int.TryParse(Scalar(batchNode), out batchSize) && batchSize is >= 1 and <= 100_000))
        {
            throw error(batchNode, "lake.batchSize", "must be 1 to 100000 subjects.");
        }

        if (Find(lake, "columns") is not YamlSequenceNode columnList || columnList.Children.Count == 0)
        {
            throw error(Find(lake, "columns") ?? lake, "lake.columns", "must list the identifier columns ({name, kind, hash}).");
        }

        var columns = columnList.Children.Select(node => ParseLakeColumn(node, error)).ToList();
        return new DataLakeDefinition(bucket, prefixes, format, compression, columns, partitions, expectAll) { BatchSize = batchSize };
    }

    private static LakeIdentifierColumn ParseLakeColumn(YamlNode node, Func<YamlNode, string, string, SystemRegistryException> error)
    {
        if (node is not YamlMappingNode map)
        {
            throw error(node, "lake.columns", "every column must be a mapping {name, kind, hash}.");
        }

        foreach (var key in map.Children.Keys)
        {
            if (!LakeColumnFields.Contains(Scalar(key), StringComparer.Ordinal))
            {
                throw error(key, $"lake.columns.{Scalar(key)}", $"is not a known field; expected one of: {string.Join(", ", LakeColumnFields)}.");
            }
        }

        var name = Find(map, "name") is YamlScalarNode nameNode ? Scalar(nameNode).Trim() : string.Empty;
        if (name.Length is 0 or > 256)
        {
            throw error(map, "lake.columns.name", "is required (a column name, nested fields as a dotted path).");
        }

        var kind = Find(map, "kind") is { } kindNode
            ? Scalar(kindNode) switch
            {
                "email" => SubjectIdentifierKind.Email,
                "customer-id" => SubjectIdentifierKind.CustomerId,
                "phone" => SubjectIdentifierKind.Phone,
                var other => throw error(kindNode, "lake.columns.kind", $"must be email, customer-id or phone, not '{other}'."),
            }
            : throw error(map, "lake.columns.kind", "is required (email, customer-id or phone).");
        var hash = Find(map, "hash") is { } hashNode
            ? Scalar(hashNode) switch
            {
                "none" => LakeIdentifierHash.None,
                "sha256" => LakeIdentifierHash.Sha256,
                "sha1" => LakeIdentifierHash.Sha1,
                "md5" => LakeIdentifierHash.Md5,
                var other => throw error(hashNode, "lake.columns.hash", $"must be none, sha256, sha1 or md5 (lower-case hex of the normalised identifier), not '{other}'."),
            }
            : LakeIdentifierHash.None;
        return new LakeIdentifierColumn(name, kind, hash);
    }

    private static List<string> Texts(YamlMappingNode map, string field, Func<YamlNode, string, string, SystemRegistryException> error) => Find(map, field) switch
    {
        null => [],
        YamlSequenceNode list => list.Children.Select(item => item is YamlScalarNode && Scalar(item).Trim() is { Length: > 0 } text
            ? text
            : throw error(item, $"lake.{field}", "every entry must be non-empty text.")).ToList(),
        var other => throw error(other, $"lake.{field}", "must be a list."),
    };
}
