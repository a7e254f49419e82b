using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Sam;

namespace Gdpr.Workflows.Engine.Tests.Sam;

public class GlobalsMergerTests
{
    private static string Merge(string globals, string properties) =>
        GlobalsMerger.Merge(JsonNode.Parse(globals)!.AsObject(), JsonNode.Parse(properties)!.AsObject(), new SourceLines()).ToJsonString();

    [Fact]
    public void Merge_Scalars_ResourceWins()
    {
        Merge("""{"Timeout":30,"Runtime":"provided.al2023"}""", """{"Timeout":120}""")
            .Should().Be("""{"Timeout":120,"Runtime":"provided.al2023"}""");
    }

    [Fact]
    public void Merge_Maps_MergeRecursivelyWithResourceWinning()
    {
        Merge("""{"Environment":{"Variables":{"A":"1","B":"2"}}}""", """{"Environment":{"Variables":{"B":"3","C":"4"}}}""")
            .Should().Be("""{"Environment":{"Variables":{"A":"1","B":"3","C":"4"}}}""");
    }

    [Fact]
    public void Merge_Lists_ConcatenateGlobalsFirst()
    {
        Merge("""{"Layers":["g1"]}""", """{"Layers":["r1","r2"]}""").Should().Be("""{"Layers":["g1","r1","r2"]}""");
    }

    [Fact]
    public void Merge_IntrinsicFunction_IsTreatedAsScalar()
    {
        Merge("""{"CodeUri":{"Bucket":"b","Key":"k"}}""", """{"CodeUri":{"Ref":"Code"}}""").Should().Be("""{"CodeUri":{"Ref":"Code"}}""");
        Merge("""{"VpcConfig":{"Fn::If":["C",{"a":1},{"Ref":"AWS::NoValue"}]}}""", """{"VpcConfig":{"SubnetIds":["s"]}}""")
            .Should().Be("""{"VpcConfig":{"SubnetIds":["s"]}}""");
    }

    [Fact]
    public void Merge_NoGlobals_CopiesTheProperties()
    {
        var properties = JsonNode.Parse("""{"Handler":"h"}""")!.AsObject();

        var merged = GlobalsMerger.Merge(null, properties, new SourceLines());

        merged.ToJsonString().Should().Be("""{"Handler":"h"}""");
        merged.Should().NotBeSameAs(properties);
    }
}
