using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Subjects;

namespace Gdpr.Workflows.Erasure.Tests.Registry;

public class SystemRegistryLakeTests
{
    private const string Lake = """
        systems:
          - name: orders-lake
            owner: data-platform
            mode: async
            kind: data-lake
            timeoutSeconds: 86400
            heartbeatSeconds: 3600
            lake:
              bucket: retail-lake
              prefixes: [exports/orders/]
              format: parquet
              partitions: [dt]
              expectEverySubject: true
              batchSize: 500
              columns:
                - {name: customer_id, kind: customer-id}
                - {name: contact.email_sha256, kind: email, hash: sha256}
        """;

    [Fact]
    public void Parse_DataLakeSystem_ReadsTheLake()
    {
        var lake = SystemRegistry.Parse(Lake, "systems.yaml").Systems[0].Lake;

        lake.Should().NotBeNull();
        lake!.Bucket.Should().Be("retail-lake");
        lake.Prefixes.Should().Equal("exports/orders/");
        lake.Format.Should().Be(LakeFileFormat.Parquet);
        lake.PartitionKeys.Should().Equal("dt");
        lake.ExpectEverySubject.Should().BeTrue();
        lake.BatchSize.Should().Be(500);
        lake.Columns.Should().Equal(
            new LakeIdentifierColumn("customer_id", SubjectIdentifierKind.CustomerId),
            new LakeIdentifierColumn("contact.email_sha256", SubjectIdentifierKind.Email, LakeIdentifierHash.Sha256));
    }

    [Fact]
    public void Parse_ServiceSystem_HasNoLake()
    {
        var registry = SystemRegistry.Parse("systems:\n  - {name: crm, owner: sales, mode: sync}\n", "systems.yaml");

        registry.Systems[0].Lake.Should().BeNull();
    }

    [Theory]
    [InlineData("format: parquet", "format: orc", "lake.format", "must be parquet, jsonl or csv, not 'orc'.")]
    [InlineData("format: parquet", "format: parquet\n      compression: gzip", "lake.compression", "is for jsonl and csv files*")]
    [InlineData("mode: async", "mode: sync", "mode", "must be async for a data-lake system*")]
    [InlineData("kind: customer-id}", "kind: name}", "lake.columns.kind", "must be email, customer-id or phone, not 'name'.")]
    [InlineData("hash: sha256}", "hash: crc32}", "lake.columns.hash", "must be none, sha256, sha1 or md5*")]
    [InlineData("prefixes: [exports/orders/]", "prefixes: [/abs]", "lake.prefixes", "must list at least one key prefix*")]
    [InlineData("bucket: retail-lake", "bucket: a/b", "lake.bucket", "must be a bucket name*")]
    [InlineData("batchSize: 500", "batchSize: 0", "lake.batchSize", "must be 1 to 100000 subjects.")]
    [InlineData("partitions: [dt]", "partitionz: [dt]", "lake.partitionz", "is not a known field*")]
    public void Parse_BadLake_NamesTheField(string replace, string with, string field, string problem)
    {
        var parse = () => SystemRegistry.Parse(Lake.Replace(replace, with, StringComparison.Ordinal), "systems.yaml");

        parse.Should().Throw<SystemRegistryException>().Where(e => e.Field == field).WithMessage("*" + problem);
    }

    [Fact]
    public void Parse_LakeOnAService_IsAnError()
    {
        var parse = () => SystemRegistry.Parse(Lake.Replace("    kind: data-lake\n", string.Empty, StringComparison.Ordinal), "systems.yaml");

        parse.Should().Throw<SystemRegistryException>().Where(e => e.Field == "lake");
    }
}
