using System.Text.Json.Nodes;
using Gdpr.Workflows.Stack.Tests.Template;

namespace Gdpr.Workflows.Stack.Tests.TemplateTests;

public sealed class CloudFormationYamlTests : IDisposable
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"cfn-yaml-{Guid.NewGuid():N}.yaml");

    public void Dispose() => File.Delete(file);

    private JsonObject Load(string yaml)
    {
        File.WriteAllText(file, yaml);
        return CloudFormationYaml.Load(file);
    }

    [Fact]
    public void Load_ShortFormTags_BecomeLongFormIntrinsics()
    {
        var root = Load("""
            A: !Ref Table
            B: !GetAtt Fn.Arn
            C: !Sub "${Table.Arn}/index/*"
            D: !If [IsProd, 1, 2]
            E: !Condition IsProd
            F: !Join
              - ","
              - [a, b]
            """);

        const string expected = """
            {"A": {"Ref": "Table"}, "B": {"Fn::GetAtt": ["Fn", "Arn"]}, "C": {"Fn::Sub": "${Table.Arn}/index/*"},
             "D": {"Fn::If": ["IsProd", "1", "2"]}, "E": {"Condition": "IsProd"}, "F": {"Fn::Join": [",", ["a", "b"]]}}
            """;
        JsonNode.DeepEquals(root, JsonNode.Parse(expected)).Should().BeTrue(root.ToJsonString());
    }

    [Fact]
    public void Load_UnknownTag_IsKeptAsAnFnIntrinsic()
    {
        Load("X: !Future [1]").ToJsonString().Should().Be("""{"X":{"Fn::Future":["1"]}}""");
    }

    [Fact]
    public void Load_DuplicateKey_Throws()
    {
        var act = () => Load("A: 1\nA: 2\n");

        act.Should().Throw<Exception>();
    }

    [Fact]
    public void ReferencedLogicalIds_RefGetAttAndSub_AreAllFound()
    {
        var root = Load("""
            Resource: [!GetAtt AuditTable.Arn, !Sub "arn:x:${RequestsTable}/${AWS::Region}", !Ref Key]
            """);

        StackTemplate.ReferencedLogicalIds(root).Should().BeEquivalentTo(["AuditTable", "RequestsTable", "AWS::Region", "Key"]);
    }
}
