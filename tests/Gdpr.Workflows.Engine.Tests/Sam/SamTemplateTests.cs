using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Engine.Sam;

namespace Gdpr.Workflows.Engine.Tests.Sam;

public class SamTemplateTests
{
    private const string Account = "123456789012";
    private static readonly string TemplatePath = SamTestFiles.Fixture("template.yaml");

    [Fact]
    public void Load_FixtureWithDefaults_ExposesParametersConditionsAndResources()
    {
        var template = SamTemplate.Load(TemplatePath);

        template.TemplatePath.Should().Be(Path.GetFullPath(TemplatePath));
        template.Parameters["Stage"].Value.Should().Be("dev");
        template.Parameters["Stage"].IsOverridden.Should().BeFalse();
        template.Parameters["Stage"].AllowedValues.Should().Equal("dev", "prod");
        template.Parameters["RetentionDays"].Type.Should().Be("Number");
        template.Parameters["RetentionDays"].Default.Should().Be("30");
        template.Parameters["AllowedRegions"].IsList.Should().BeTrue();
        template.Conditions.Should().Equal(new Dictionary<string, bool> { ["IsProd"] = false, ["IsNotProd"] = true });
        template.Globals["Function"]!["Runtime"]!.GetValue<string>().Should().Be("provided.al2023");
        template.Resources.Keys.Should().Equal(
            "ErasureStateMachine", "ReminderStateMachine", "FindSubjectDataFunction", "EraseSubjectDataFunction",
            "RecordAuditFunction", "RequestsTable", "NotificationTopic", "ErasureDeadLetterQueue", "AuditQueue");
        template.Resources["RequestsTable"].Type.Should().Be("AWS::DynamoDB::Table");
        template.Resources["AuditQueue"].IsCreated.Should().BeFalse();
        template.Resources["AuditQueue"].Condition.Should().Be("IsProd");
    }

    [Fact]
    public void Functions_FixtureWithDefaults_MergesGlobalsAndResolvesEnvironment()
    {
        var functions = SamTemplate.Load(TemplatePath).Functions;

        functions.Keys.Should().Equal("FindSubjectDataFunction", "EraseSubjectDataFunction", "RecordAuditFunction");
        var find = functions["FindSubjectDataFunction"];
        find.FunctionName.Should().Be("local-FindSubjectDataFunction");
        find.Arn.Should().Be($"arn:aws:lambda:us-east-1:{Account}:function:local-FindSubjectDataFunction");
        find.Runtime.Should().Be("provided.al2023");
        find.Handler.Should().Be("bootstrap");
        find.Timeout.Should().Be(30);
        find.MemorySize.Should().Be(512);
        find.CodeUri.Should().Be("functions/Gdpr.Workflows.Functions.FindSubjectData/");
        find.CodeDirectory.Should().Be(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(TemplatePath))!, "functions", "Gdpr.Workflows.Functions.FindSubjectData"));
        find.LocalHandler.Should().Be("Gdpr.Workflows.Functions.FindSubjectData");
        find.Environment.Should().Equal(new Dictionary<string, string>
        {
            ["STAGE"] = "dev",
            ["LOG_LEVEL"] = "Information",
            ["TABLE_NAME"] = "gdpr-requests-dev",
            ["ALLOWED_REGIONS"] = "eu-west-1;eu-central-1",
        });
        find.Properties["Architectures"]!.AsArray().Select(a => a!.GetValue<string>()).Should().Equal("arm64");
    }

    [Fact]
    public void Functions_ResourceValues_OverrideGlobals()
    {
        var erase = SamTemplate.Load(TemplatePath).Functions["EraseSubjectDataFunction"];

        erase.FunctionName.Should().Be("local-erase-subject-data");
        erase.Arn.Should().Be($"arn:aws:lambda:us-east-1:{Account}:function:local-erase-subject-data");
        erase.Timeout.Should().Be(120);
        erase.MemorySize.Should().Be(256, "FindInMap StageSettings dev");
        erase.LocalHandler.Should().Be("Gdpr.Workflows.Functions.EraseSubjectData.Handler", "Metadata.LocalHandler wins");
        erase.Environment.Should().Equal(new Dictionary<string, string>
        {
            ["STAGE"] = "dev",
            ["LOG_LEVEL"] = "Debug",
            ["TABLE_ARN"] = $"arn:aws:dynamodb:us-east-1:{Account}:table/gdpr-requests-dev",
            ["LOCATION"] = $"us-east-1/aws/{Account}",
        });
    }

    [Fact]
    public void Functions_ManagedDotnetRuntime_UsesHandlerAsLocalHandlerAndDropsNoValue()
    {
        var audit = SamTemplate.Load(TemplatePath).Functions["RecordAuditFunction"];

        audit.Runtime.Should().Be("dotnet8");
        audit.LocalHandler.Should().Be("Gdpr.Workflows.Functions.RecordAudit::Gdpr.Workflows.Functions.RecordAudit.Function::HandleAsync");
        audit.Environment.Should().NotContainKey("AUDIT_QUEUE_URL", "!If IsProd is false and yields AWS::NoValue");
        audit.Environment["TOPIC_ARN"].Should().Be($"arn:aws:sns:us-east-1:{Account}:local-NotificationTopic");
        audit.Environment["RETENTION_DAYS"].Should().Be("30");
    }

    [Fact]
    public void StateMachines_DefinitionUri_ReadsFileAndAppliesSubstitutions()
    {
        var erasure = SamTemplate.Load(TemplatePath).StateMachines["ErasureStateMachine"];

        erasure.Name.Should().Be("gdpr-erasure-dev");
        erasure.Arn.Should().Be($"arn:aws:states:us-east-1:{Account}:stateMachine:gdpr-erasure-dev");
        erasure.Type.Should().Be(StateMachineType.Standard);
        erasure.DefinitionPath.Should().Be(Path.GetFullPath(SamTestFiles.Fixture("statemachines/erasure.asl.json")));
        erasure.DefinitionJson.Should().NotContain("${");
        var states = JsonNode.Parse(erasure.DefinitionJson)!["States"]!;
        states["FindSubjectData"]!["Resource"]!.GetValue<string>().Should().Be($"arn:aws:lambda:us-east-1:{Account}:function:local-FindSubjectDataFunction");
        states["EraseSubjectData"]!["Parameters"]!["FunctionName"]!.GetValue<string>().Should().Be($"arn:aws:lambda:us-east-1:{Account}:function:local-erase-subject-data");
        states["RecordCompletion"]!["Parameters"]!["TableName"]!.GetValue<string>().Should().Be("gdpr-requests-dev");
        states["RecordCompletion"]!["Parameters"]!["Item"]!["retentionDays"]!["N"]!.GetValue<string>().Should().Be("30");
        states["RecordAudit"]!["Parameters"]!["FunctionName"]!.GetValue<string>().Should().Be("local-RecordAuditFunction", "!Ref of a function is its name");
        states["NotifyDpo"]!["Parameters"]!["TopicArn"]!.GetValue<string>().Should().Be($"arn:aws:sns:us-east-1:{Account}:local-NotificationTopic");
        states["SendToDeadLetterQueue"]!["Parameters"]!["QueueUrl"]!.GetValue<string>().Should().Be($"https://sqs.us-east-1.amazonaws.com/{Account}/local-ErasureDeadLetterQueue");
        erasure.DefinitionSubstitutions["DeadLetterQueueArn"].Should().Be($"arn:aws:sqs:us-east-1:{Account}:local-ErasureDeadLetterQueue");
    }

    [Fact]
    public void StateMachines_UnusedSubstitution_IsReportedAsWarning()
    {
        var erasure = SamTemplate.Load(TemplatePath).StateMachines["ErasureStateMachine"];

        erasure.Warnings.Should().ContainSingle().Which.Should().Contain("DeadLetterQueueArn").And.Contain("ErasureStateMachine");
    }

    [Fact]
    public void StateMachines_EventsAndPolicies_AreKeptRawAndResolvableOnDemand()
    {
        var template = SamTemplate.Load(TemplatePath);
        var erasure = template.StateMachines["ErasureStateMachine"];

        erasure.Events!["Nightly"]!["Properties"]!["Schedule"]!.GetValue<string>().Should().Be("rate(1 day)");
        erasure.Policies!.AsArray().Should().HaveCount(3);
        erasure.Policies[1]!["DynamoDBCrudPolicy"]!["TableName"]!["Ref"]!.GetValue<string>().Should().Be("RequestsTable");
        template.Resolve(erasure.Policies)![2]!["SNSPublishMessagePolicy"]!["TopicName"]!.GetValue<string>().Should().Be("local-NotificationTopic");
    }

    [Fact]
    public void StateMachines_InlineDefinition_IsConvertedToJsonWithIntrinsicsAndSubstitutions()
    {
        var reminder = SamTemplate.Load(TemplatePath).StateMachines["ReminderStateMachine"];

        reminder.Name.Should().Be("local-ReminderStateMachine");
        reminder.Type.Should().Be(StateMachineType.Express);
        reminder.DefinitionPath.Should().BeNull();
        reminder.Warnings.Should().BeEmpty();
        var definition = JsonNode.Parse(reminder.DefinitionJson)!;
        definition["StartAt"]!.GetValue<string>().Should().Be("Audit");
        definition["States"]!["Audit"]!["Resource"]!.GetValue<string>().Should().Be($"arn:aws:lambda:us-east-1:{Account}:function:local-RecordAuditFunction");
        definition["States"]!["Audit"]!["TimeoutSeconds"]!.GetValue<int>().Should().Be(10);
        definition["States"]!["Remind"]!["Parameters"]!["TopicArn"]!.GetValue<string>().Should().Be($"arn:aws:sns:us-east-1:{Account}:local-NotificationTopic");
        definition["States"]!["Remind"]!["Parameters"]!["Message.$"]!.GetValue<string>().Should().Be("$.reminder");
        definition["States"]!["Remind"]!["End"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public void Load_ParameterOverrides_ChangeConditionsNamesAndSubstitutions()
    {
        var template = SamTemplate.Load(TemplatePath, new Dictionary<string, string> { ["Stage"] = "prod", ["RetentionDays"] = "7" });

        template.Parameters["Stage"].IsOverridden.Should().BeTrue();
        template.Conditions["IsProd"].Should().BeTrue();
        template.Resources["AuditQueue"].IsCreated.Should().BeTrue();
        template.Functions["EraseSubjectDataFunction"].MemorySize.Should().Be(1024);
        template.Functions["RecordAuditFunction"].Environment["AUDIT_QUEUE_URL"].Should().Be($"https://sqs.us-east-1.amazonaws.com/{Account}/gdpr-audit.fifo");
        var erasure = template.StateMachines["ErasureStateMachine"];
        erasure.Name.Should().Be("gdpr-erasure-prod");
        JsonNode.Parse(erasure.DefinitionJson)!["States"]!["RecordCompletion"]!["Parameters"]!["Item"]!["retentionDays"]!["N"]!.GetValue<string>().Should().Be("7");
    }

    [Fact]
    public void Load_Options_SetPseudoParametersAndArns()
    {
        var options = new SamTemplateOptions { Region = "eu-west-1", AccountId = "111122223333", StackName = "gdpr-test" };

        var template = SamTemplate.Load(TemplatePath, options: options);

        var erase = template.Functions["EraseSubjectDataFunction"];
        erase.Arn.Should().Be("arn:aws:lambda:eu-west-1:111122223333:function:gdpr-test-erase-subject-data");
        erase.Environment["LOCATION"].Should().Be("eu-west-1/aws/111122223333");
        template.StateMachines["ReminderStateMachine"].Arn.Should().Be("arn:aws:states:eu-west-1:111122223333:stateMachine:gdpr-test-ReminderStateMachine");
    }

    [Fact]
    public void Load_ChinaRegion_DerivesPartitionAndUrlSuffix()
    {
        var template = SamTemplate.Load(TemplatePath, options: new SamTemplateOptions { Region = "cn-north-1" });

        template.Functions["EraseSubjectDataFunction"].Environment["LOCATION"].Should().Be($"cn-north-1/aws-cn/{Account}");
        template.StateMachines["ErasureStateMachine"].DefinitionSubstitutions["DeadLetterQueueUrl"]
            .Should().Be($"https://sqs.cn-north-1.amazonaws.com.cn/{Account}/local-ErasureDeadLetterQueue");
    }

    [Fact]
    public void Load_OverrideOfUnknownParameter_FailsNamingIt()
    {
        var load = () => SamTemplate.Load(TemplatePath, new Dictionary<string, string> { ["Stag"] = "prod" });

        load.Should().Throw<SamTemplateException>().WithMessage("*parameter overrides name no template parameter: Stag*");
    }

    [Fact]
    public void Load_OverrideOutsideAllowedValues_FailsWithParameterLine()
    {
        var load = () => SamTemplate.Load(TemplatePath, new Dictionary<string, string> { ["Stage"] = "staging" });

        load.Should().Throw<SamTemplateException>()
            .WithMessage("*line 6: Parameters.Stage: value 'staging' is not one of AllowedValues [dev, prod]*");
    }

    [Fact]
    public void Load_UnknownRef_FailsNamingTheReferenceThePathAndTheLine()
    {
        var path = SamTestFiles.Fixture("unknown-ref.yaml");

        var load = () => SamTemplate.Load(path);

        var error = load.Should().Throw<SamTemplateException>().Which;
        error.Line.Should().Be(12);
        error.FilePath.Should().Be(Path.GetFullPath(path));
        error.Message.Should().Contain("line 12")
            .And.Contain("Resources.EraseFunction.Properties.Environment.Variables.TABLE_NAME")
            .And.Contain("!Ref 'RequestTable' names no parameter, resource or pseudo parameter");
    }

    [Fact]
    public void Load_MissingSubstitution_FailsNamingThePlaceholderAndItsLineInTheDefinition()
    {
        var load = () => SamTemplate.Load(SamTestFiles.Fixture("missing-substitution.yaml"));

        var error = load.Should().Throw<SamTemplateException>().Which;
        error.FilePath.Should().Be(Path.GetFullPath(SamTestFiles.Fixture("statemachines/missing-substitution.asl.json")));
        error.Line.Should().Be(11);
        error.Message.Should().Contain("${AuditFunctionArn}").And.Contain("ErasureStateMachine").And.NotContain("${EraseFunctionArn}");
    }

    [Fact]
    public void Load_MalformedYaml_FailsWithTheLineNumber()
    {
        var load = () => SamTemplate.Load(SamTestFiles.Fixture("malformed.yaml"));

        var error = load.Should().Throw<SamTemplateException>().Which;
        error.Line.Should().Be(8);
        error.Message.Should().Contain("line 8").And.Contain("malformed YAML");
    }

    [Fact]
    public void Load_MissingFile_FailsNamingIt()
    {
        var load = () => SamTemplate.Load(SamTestFiles.Fixture("no-such-template.yaml"));

        load.Should().Throw<SamTemplateException>().WithMessage("*no-such-template.yaml: cannot read the template*");
    }
}
