using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Engine.Sam;

namespace Gdpr.Workflows.Engine.Tests.Sam;

public class StateMachineReaderTests
{
    private const string Asl = """{"StartAt":"Done","States":{"Done":{"Type":"Succeed","Comment":"${Note}"}}}""";

    private static SamTemplate Load(string machineProperties, params (string RelativePath, string Text)[] files)
    {
        using var temp = TempTemplate.WithResources($"  Machine:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n{machineProperties}", "", files);
        return SamTemplate.Load(temp.TemplatePath);
    }

    [Fact]
    public void Read_YamlDefinitionUri_IsConvertedToJson()
    {
        const string yaml = "StartAt: Done\nStates:\n  Done:\n    Type: Succeed\n    Comment: ${Note}\n";

        var machine = Load(
            "      DefinitionUri: sm/flow.asl.yaml\n      DefinitionSubstitutions: {Note: hello}\n",
            ("sm/flow.asl.yaml", yaml)).StateMachines["Machine"];

        JsonNode.Parse(machine.DefinitionJson)!["States"]!["Done"]!["Comment"]!.GetValue<string>().Should().Be("hello");
    }

    [Fact]
    public void Read_NumberAndBooleanSubstitutions_AreInsertedAsText()
    {
        var machine = Load(
            "      DefinitionUri: sm.json\n      DefinitionSubstitutions: {Note: 42}\n",
            ("sm.json", Asl)).StateMachines["Machine"];

        machine.DefinitionSubstitutions["Note"].Should().Be("42");
        machine.DefinitionJson.Should().Contain("\"Comment\":\"42\"");
    }

    [Fact]
    public void Read_TypeOmitted_IsStandard()
    {
        Load("      DefinitionUri: sm.json\n      DefinitionSubstitutions: {Note: x}\n", ("sm.json", Asl))
            .StateMachines["Machine"].Type.Should().Be(StateMachineType.Standard);
    }

    [Theory]
    [InlineData("      Type: FAST\n      DefinitionUri: sm.json\n      DefinitionSubstitutions: {Note: x}\n", "Resources.Machine.Properties.Type must be STANDARD or EXPRESS, not 'FAST'")]
    [InlineData("      Type: STANDARD\n", "Resources.Machine.Properties: a state machine needs Definition or DefinitionUri")]
    [InlineData("      DefinitionUri: sm.json\n      Definition: {StartAt: A}\n", "set Definition or DefinitionUri, not both")]
    [InlineData("      DefinitionUri: {Bucket: b, Key: k}\n", "DefinitionUri must be a local file path; an S3 location cannot be read locally")]
    [InlineData("      DefinitionUri: missing.json\n", "DefinitionUri: cannot read")]
    [InlineData("      DefinitionUri: sm.json\n      DefinitionSubstitutions: {Note: [a]}\n", "DefinitionSubstitutions.Note must be a string, number or boolean")]
    [InlineData("      DefinitionUri: sm.json\n      DefinitionSubstitutions: {Note: 'say \"hi\"'}\n", "is not valid JSON after substitution")]
    public void Read_InvalidStateMachine_FailsNamingTheProblem(string properties, string expectedMessage)
    {
        var load = () => Load(properties, ("sm.json", Asl));

        load.Should().Throw<SamTemplateException>().Which.Message.Should().Contain(expectedMessage);
    }

    [Fact]
    public void Read_DefinitionNotAnObject_Fails()
    {
        var load = () => Load("      DefinitionUri: sm.json\n", ("sm.json", "[1, 2]"));

        load.Should().Throw<SamTemplateException>().WithMessage("*must be a JSON object*");
    }

    [Fact]
    public void Load_StateMachineWithFalseCondition_IsNotListed()
    {
        using var temp = TempTemplate.WithResources(
            "  Machine:\n    Type: AWS::Serverless::StateMachine\n    Condition: Never\n    Properties:\n      DefinitionUri: nowhere.json\n",
            "Conditions:\n  Never: !Equals [a, b]\n");

        var template = SamTemplate.Load(temp.TemplatePath);

        template.StateMachines.Should().BeEmpty();
        template.Resources["Machine"].IsCreated.Should().BeFalse();
    }

    [Fact]
    public void Load_TwoStateMachinesWithOneName_Fails()
    {
        using var temp = TempTemplate.WithResources(
            "  A:\n    Type: AWS::Serverless::StateMachine\n    Properties: {Name: same, DefinitionUri: sm.json, DefinitionSubstitutions: {Note: x}}\n" +
            "  B:\n    Type: AWS::Serverless::StateMachine\n    Properties: {Name: same, DefinitionUri: sm.json, DefinitionSubstitutions: {Note: x}}\n",
            "",
            ("sm.json", Asl));

        var load = () => SamTemplate.Load(temp.TemplatePath);

        load.Should().Throw<SamTemplateException>().WithMessage("*state machine name 'same' is used by A and B*");
    }
}
