using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Sam;

namespace Gdpr.Workflows.Engine.Tests.Sam;

/// <summary>Intrinsic functions, written in a template's YAML and resolved through <see cref="SamTemplate.Resolve"/>.</summary>
public class IntrinsicResolverTests
{
    private const string Sections = """
        Parameters:
          Stage: {Type: String, Default: dev}
          Regions: {Type: CommaDelimitedList, Default: "eu-west-1, eu-central-1"}
          Secret: {Type: "AWS::SSM::Parameter::Value<String>", Default: /gdpr/secret}
        Mappings:
          Sizes:
            dev: {Memory: 256, Zones: [a, b]}
        Conditions:
          IsDev: !Equals [!Ref Stage, dev]
          Never: !Equals [a, b]
          Both: !And [!Condition IsDev, !Not [!Condition Never]]
          Either: !Or [!Condition Never, !Condition IsDev]
          Neither: !Or [!Condition Never, !Not [!Condition IsDev]]
        """;

    private const string Resources = """
          Fn:
            Type: AWS::Serverless::Function
            Properties: {Runtime: provided.al2023, Handler: bootstrap, CodeUri: src/Fn/}
          Queue:
            Type: AWS::SQS::Queue
          Fifo:
            Type: AWS::SQS::Queue
            Properties: {FifoQueue: true}
          Topic:
            Type: AWS::SNS::Topic
            Properties: {TopicName: alerts}
          Table:
            Type: AWS::DynamoDB::Table
          Simple:
            Type: AWS::Serverless::SimpleTable
          Bucket:
            Type: AWS::S3::Bucket
          Machine:
            Type: AWS::StepFunctions::StateMachine
            Properties: {StateMachineName: plain}
          Role:
            Type: AWS::IAM::Role
          Off:
            Type: AWS::SQS::Queue
            Condition: Never
        """;

    private const string Arn = "arn:aws:lambda:us-east-1:123456789012";

    private static JsonNode? Resolve(string valueYaml, IReadOnlyDictionary<string, string>? overrides = null, SamTemplateOptions? options = null)
    {
        using var files = TempTemplate.WithResources(
            $"  Probe:\n    Type: Custom::Probe\n    Properties:\n      Value: {valueYaml}\n{Resources}", Sections);
        var template = SamTemplate.Load(files.TemplatePath, overrides, options);
        return template.Resolve(template.Resources["Probe"].Properties, "Resources.Probe.Properties")!["Value"];
    }

    private static string ResolveJson(string valueYaml) => Resolve(valueYaml)?.ToJsonString() ?? "null";

    [Theory]
    [InlineData("!Ref Stage", "\"dev\"")]
    [InlineData("!Ref Regions", """["eu-west-1","eu-central-1"]""")]
    [InlineData("!Ref AWS::Region", "\"us-east-1\"")]
    [InlineData("!Ref AWS::AccountId", "\"123456789012\"")]
    [InlineData("!Ref AWS::Partition", "\"aws\"")]
    [InlineData("!Ref AWS::StackName", "\"local\"")]
    [InlineData("!Ref AWS::URLSuffix", "\"amazonaws.com\"")]
    [InlineData("!Ref AWS::NotificationARNs", "[]")]
    [InlineData("{Ref: Stage}", "\"dev\"")]
    public void Resolve_Ref_GivesParameterOrPseudoParameter(string yaml, string expectedJson)
    {
        ResolveJson(yaml).Should().Be(expectedJson);
    }

    [Theory]
    [InlineData("!Ref Fn", "\"local-Fn\"")]
    [InlineData("!GetAtt Fn.Arn", $"\"{Arn}:function:local-Fn\"")]
    [InlineData("!GetAtt [Fn, Arn]", $"\"{Arn}:function:local-Fn\"")]
    [InlineData("{'Fn::GetAtt': [Fn, Arn]}", $"\"{Arn}:function:local-Fn\"")]
    [InlineData("{'Fn::GetAtt': Fn.Arn}", $"\"{Arn}:function:local-Fn\"")]
    [InlineData("!Ref Queue", "\"https://sqs.us-east-1.amazonaws.com/123456789012/local-Queue\"")]
    [InlineData("!GetAtt Queue.QueueUrl", "\"https://sqs.us-east-1.amazonaws.com/123456789012/local-Queue\"")]
    [InlineData("!GetAtt Queue.Arn", "\"arn:aws:sqs:us-east-1:123456789012:local-Queue\"")]
    [InlineData("!GetAtt Queue.QueueName", "\"local-Queue\"")]
    [InlineData("!GetAtt Fifo.QueueName", "\"local-Fifo.fifo\"")]
    [InlineData("!Ref Topic", "\"arn:aws:sns:us-east-1:123456789012:alerts\"")]
    [InlineData("!GetAtt Topic.TopicName", "\"alerts\"")]
    [InlineData("!Ref Table", "\"local-Table\"")]
    [InlineData("!GetAtt Table.Arn", "\"arn:aws:dynamodb:us-east-1:123456789012:table/local-Table\"")]
    [InlineData("!Ref Simple", "\"local-Simple\"")]
    [InlineData("!Ref Bucket", "\"local-bucket\"")]
    [InlineData("!GetAtt Bucket.Arn", "\"arn:aws:s3:::local-bucket\"")]
    [InlineData("!Ref Machine", "\"arn:aws:states:us-east-1:123456789012:stateMachine:plain\"")]
    [InlineData("!GetAtt Machine.Name", "\"plain\"")]
    public void Resolve_ResourceReference_GivesLocalIdentity(string yaml, string expectedJson)
    {
        ResolveJson(yaml).Should().Be(expectedJson);
    }

    [Theory]
    [InlineData("!Sub '${Stage}-${AWS::Region}-${Fn.Arn}'", $"\"dev-us-east-1-{Arn}:function:local-Fn\"")]
    [InlineData("!Sub 'literal ${!Stage} and ${Stage}'", "\"literal ${Stage} and dev\"")]
    [InlineData("!Sub ['${Name}/${Stage}', {Name: !Ref Table}]", "\"local-Table/dev\"")]
    [InlineData("!Sub 'no placeholder ${'", "\"no placeholder ${\"")]
    [InlineData("!Join ['-', [a, !Ref Stage, 3]]", "\"a-dev-3\"")]
    [InlineData("!Join [';', !Ref Regions]", "\"eu-west-1;eu-central-1\"")]
    [InlineData("!Select [1, !Split [',', 'a,b,c']]", "\"b\"")]
    [InlineData("!Select ['0', [x, y]]", "\"x\"")]
    [InlineData("!Split ['|', 'a|b']", """["a","b"]""")]
    [InlineData("!FindInMap [Sizes, !Ref Stage, Memory]", "256")]
    [InlineData("!FindInMap [Sizes, dev, Zones]", """["a","b"]""")]
    [InlineData("!Base64 hello", "\"aGVsbG8=\"")]
    [InlineData("!GetAZs ''", """["us-east-1a","us-east-1b","us-east-1c"]""")]
    [InlineData("!GetAZs eu-west-1", """["eu-west-1a","eu-west-1b","eu-west-1c"]""")]
    [InlineData("!If [IsDev, yes-dev, not-dev]", "\"yes-dev\"")]
    [InlineData("!If [Never, !Ref Off, fallback]", "\"fallback\"")]
    [InlineData("!If [Both, 1, 2]", "1")]
    [InlineData("!If [Either, 1, 2]", "1")]
    [InlineData("!If [Neither, 1, 2]", "2")]
    [InlineData("!Equals [!Ref Stage, dev]", "true")]
    [InlineData("[a, !Ref AWS::NoValue, b]", """["a","b"]""")]
    [InlineData("{keep: 1, drop: !Ref AWS::NoValue}", """{"keep":1}""")]
    [InlineData("!Ref AWS::NoValue", "null")]
    public void Resolve_Function_GivesCloudFormationResult(string yaml, string expectedJson)
    {
        ResolveJson(yaml).Should().Be(expectedJson);
    }

    [Fact]
    public void Resolve_ImportValue_ReadsOptions()
    {
        var options = new SamTemplateOptions { ImportValues = new Dictionary<string, string> { ["shared-key"] = "arn:aws:kms:key" } };

        Resolve("!ImportValue shared-key", options: options)!.GetValue<string>().Should().Be("arn:aws:kms:key");
    }

    [Fact]
    public void Resolve_SsmParameterWithOverride_GivesTheOverride()
    {
        Resolve("!Ref Secret", new Dictionary<string, string> { ["Secret"] = "s3cr3t" })!.GetValue<string>().Should().Be("s3cr3t");
    }

    [Theory]
    [InlineData("!Ref Nope", "!Ref 'Nope' names no parameter, resource or pseudo parameter")]
    [InlineData("!Ref AWS::Nope", "!Ref 'AWS::Nope' is not a pseudo parameter")]
    [InlineData("!GetAtt Nope.Arn", "!GetAtt 'Nope.Arn' names no resource")]
    [InlineData("!Ref Role", "!Ref 'Role': resource 'Role' of type AWS::IAM::Role is not supported by the local engine")]
    [InlineData("!GetAtt Role.Arn", "!GetAtt 'Role.Arn': resource 'Role' of type AWS::IAM::Role is not supported by the local engine")]
    [InlineData("!GetAtt Table.StreamArn", "!GetAtt 'Table.StreamArn': attribute 'StreamArn' of AWS::DynamoDB::Table 'Table' is not supported by the local engine (supported: Arn)")]
    [InlineData("!Sub '${Role.Arn}'", "!GetAtt 'Role.Arn': resource 'Role' of type AWS::IAM::Role")]
    [InlineData("!Ref Off", "!Ref 'Off': resource 'Off' is not created (its condition 'Never' is false)")]
    [InlineData("!Ref Secret", "parameter 'Secret' is of type AWS::SSM::Parameter::Value<String>, read from SSM at deploy; pass its value in the parameter overrides")]
    [InlineData("!Sub '${Regions}'", "Fn::Sub cannot insert '${Regions}': it is a list")]
    [InlineData("!Select [5, [a]]", "Fn::Select index '5' is not within the 1 values")]
    [InlineData("!If [Missing, a, b]", "condition 'Missing' is not defined in Conditions")]
    [InlineData("!FindInMap [Sizes, prod, Memory]", "Fn::FindInMap: mapping 'Sizes' has no 'prod' → 'Memory'")]
    [InlineData("!ImportValue nothing", "Fn::ImportValue 'nothing': no such export in SamTemplateOptions.ImportValues")]
    [InlineData("!Cidr [10.0.0.0/16, 4, 8]", "Fn::Cidr is not supported by the local engine")]
    [InlineData("!Join [',', {a: 1}]", "Fn::Join needs a list of values")]
    public void Resolve_Unresolvable_FailsNamingWhatAndWhere(string yaml, string expectedMessage)
    {
        var resolve = () => Resolve(yaml);

        var error = resolve.Should().Throw<SamTemplateException>().Which;
        error.Message.Should().Contain("Resources.Probe.Properties.Value: ").And.Contain(expectedMessage);
        var valueLine = Sections.Split('\n').Length + 6; // Transform, the sections, then Resources, Probe, Type, Properties and Value
        error.Line.Should().Be(valueLine);
    }

    [Fact]
    public void Load_CircularCondition_Fails()
    {
        using var files = TempTemplate.WithResources(
            "  Q:\n    Type: AWS::SQS::Queue\n    Condition: A\n",
            "Conditions:\n  A: !Not [!Condition B]\n  B: !Not [!Condition A]\n");

        var load = () => SamTemplate.Load(files.TemplatePath);

        load.Should().Throw<SamTemplateException>().WithMessage("*condition 'A' depends on itself*");
    }

    [Fact]
    public void Load_NameDependingOnItself_Fails()
    {
        using var files = TempTemplate.WithResources("""
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Sub '${Fn.Arn}-x'
                  Runtime: provided.al2023
                  Handler: bootstrap
                  CodeUri: src/Fn/
            """);

        var load = () => SamTemplate.Load(files.TemplatePath);

        load.Should().Throw<SamTemplateException>().WithMessage("*Resources.Fn: its name depends on itself*");
    }
}
