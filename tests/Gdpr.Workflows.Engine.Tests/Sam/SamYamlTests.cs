using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Sam;

namespace Gdpr.Workflows.Engine.Tests.Sam;

public class SamYamlTests
{
    private static JsonObject Parse(string yaml) => (JsonObject)SamYaml.Parse(yaml, "t.yaml").Root!;

    [Theory]
    [InlineData("v: !Ref Stage", """{"v":{"Ref":"Stage"}}""")]
    [InlineData("v: !Condition IsProd", """{"v":{"Condition":"IsProd"}}""")]
    [InlineData("v: !GetAtt Fn.Arn", """{"v":{"Fn::GetAtt":["Fn","Arn"]}}""")]
    [InlineData("v: !GetAtt Stack.Outputs.Url", """{"v":{"Fn::GetAtt":["Stack","Outputs.Url"]}}""")]
    [InlineData("v: !GetAtt [Fn, Arn]", """{"v":{"Fn::GetAtt":["Fn","Arn"]}}""")]
    [InlineData("v: !Sub 'x-${A}'", """{"v":{"Fn::Sub":"x-${A}"}}""")]
    [InlineData("v: !Sub ['x-${A}', {A: !Ref B}]", """{"v":{"Fn::Sub":["x-${A}",{"A":{"Ref":"B"}}]}}""")]
    [InlineData("v: !Join [',', [a, !Ref B]]", """{"v":{"Fn::Join":[",",["a",{"Ref":"B"}]]}}""")]
    [InlineData("v: !Select [0, !GetAZs '']", """{"v":{"Fn::Select":[0,{"Fn::GetAZs":""}]}}""")]
    [InlineData("v: !If [C, !Ref A, !Ref AWS::NoValue]", """{"v":{"Fn::If":["C",{"Ref":"A"},{"Ref":"AWS::NoValue"}]}}""")]
    [InlineData("v: !And [!Equals [a, b], !Not [!Condition C]]", """{"v":{"Fn::And":[{"Fn::Equals":["a","b"]},{"Fn::Not":[{"Condition":"C"}]}]}}""")]
    [InlineData("v: !Or [!Condition A, !Condition B]", """{"v":{"Fn::Or":[{"Condition":"A"},{"Condition":"B"}]}}""")]
    [InlineData("v: !FindInMap [M, !Ref K, Size]", """{"v":{"Fn::FindInMap":["M",{"Ref":"K"},"Size"]}}""")]
    [InlineData("v: !ImportValue shared-vpc", """{"v":{"Fn::ImportValue":"shared-vpc"}}""")]
    [InlineData("v: !Base64 {'Fn::Sub': 'a${B}'}", """{"v":{"Fn::Base64":{"Fn::Sub":"a${B}"}}}""")]
    [InlineData("v: !Split [',', 'a,b']", """{"v":{"Fn::Split":[",","a,b"]}}""")]
    public void Parse_ShortFormTag_BecomesLongForm(string yaml, string expectedJson)
    {
        Parse(yaml).ToJsonString().Should().Be(expectedJson);
    }

    [Fact]
    public void Parse_LongForms_PassThrough()
    {
        var root = Parse("""
            a:
              Fn::GetAtt: [Fn, Arn]
            b:
              Ref: Stage
            """);

        root.ToJsonString().Should().Be("""{"a":{"Fn::GetAtt":["Fn","Arn"]},"b":{"Ref":"Stage"}}""");
    }

    [Fact]
    public void Parse_PlainScalars_FollowTheCoreSchemaAndKeepNumberSpelling()
    {
        var root = Parse("""
            int: 30
            quoted: "30"
            decimal: 1.10
            account: 012345678901
            hex: 0x1F
            yes: true
            no: False
            nothing: ~
            empty:
            text: hello world
            block: |
              line one
              line two
            after: 1
            """);

        root["int"]!.GetValue<int>().Should().Be(30);
        root["quoted"]!.GetValue<string>().Should().Be("30");
        root["decimal"]!.ToJsonString().Should().Be("1.10");
        root["account"]!.GetValue<string>().Should().Be("012345678901");
        root["hex"]!.GetValue<string>().Should().Be("0x1F");
        root["yes"]!.GetValue<bool>().Should().BeTrue();
        root["no"]!.GetValue<bool>().Should().BeFalse();
        root["nothing"].Should().BeNull();
        root.ContainsKey("empty").Should().BeTrue();
        root["empty"].Should().BeNull();
        root["text"]!.GetValue<string>().Should().Be("hello world");
        root["block"]!.GetValue<string>().Should().Be("line one\nline two\n");
    }

    [Fact]
    public void Parse_CoreTags_ForceTheType()
    {
        var root = Parse("""
            s: !!str 123
            i: !!int "42"
            """);

        root["s"]!.GetValue<string>().Should().Be("123");
        root["i"]!.GetValue<int>().Should().Be(42);
    }

    [Fact]
    public void Parse_Nodes_RecordTheirLines()
    {
        var (root, lines) = SamYaml.Parse("a: 1\nb:\n  c: !Ref X\n", "t.yaml");

        lines.LineOf(root!["a"]).Should().Be(1);
        lines.LineOf(root["b"]).Should().Be(2, "a block mapping is placed at its key");
        lines.LineOf(root["b"]!["c"]).Should().Be(3);
    }

    [Fact]
    public void Parse_UnknownTag_FailsWithLine()
    {
        var parse = () => SamYaml.Parse("a: 1\nb: !Reff X\n", "t.yaml");

        parse.Should().Throw<SamTemplateException>().WithMessage("t.yaml: line 2: unknown tag '!Reff'*");
    }

    [Fact]
    public void Parse_GetAttWithoutAttribute_FailsWithLine()
    {
        var parse = () => SamYaml.Parse("a: !GetAtt Fn\n", "t.yaml");

        parse.Should().Throw<SamTemplateException>().WithMessage("t.yaml: line 1: !GetAtt 'Fn' must read LogicalId.Attribute*");
    }

    [Fact]
    public void Parse_DuplicateKey_FailsWithLine()
    {
        var parse = () => SamYaml.Parse("a: 1\nb: 2\na: 3\n", "t.yaml");

        parse.Should().Throw<SamTemplateException>().Which.Line.Should().Be(3);
    }

    [Fact]
    public void Parse_BadIndentation_FailsWithLineAndReason()
    {
        var parse = () => SamYaml.Parse("a:\n  b: 1\n c: 2\n", "t.yaml");

        var error = parse.Should().Throw<SamTemplateException>().Which;
        error.Line.Should().Be(3);
        error.Message.Should().StartWith("t.yaml: line 3: malformed YAML at column").And.NotContain("Idx:");
    }

    [Fact]
    public void Parse_UnterminatedFlowSequence_FailsWithALine()
    {
        var parse = () => SamYaml.Parse("a: [1, 2\nb: 3\n", "t.yaml");

        var error = parse.Should().Throw<SamTemplateException>().Which;
        error.Line.Should().NotBeNull();
        error.Message.Should().Contain("malformed YAML");
    }

    [Fact]
    public void Parse_TwoDocuments_Fails()
    {
        var parse = () => SamYaml.Parse("a: 1\n---\nb: 2\n", "t.yaml");

        parse.Should().Throw<SamTemplateException>().WithMessage("*more than one YAML document*");
    }
}
