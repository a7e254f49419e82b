using System.Text.Json.Nodes;
using Gdpr.Workflows.Stack.Tests.Support;
using Gdpr.Workflows.Stack.Tests.Template;

namespace Gdpr.Workflows.Stack.Tests;

/// <summary>The stack's own promises about template.yaml, beyond what cfn-lint knows.</summary>
public class TemplateRequirementsTests
{
    private static readonly StackTemplate Template = StackTemplate.Load(RepositoryPaths.TemplateFile);

    private static TemplateResource Resource(string logicalId) => Template.Resources.Single(r => r.LogicalId == logicalId);

    private static string? At(JsonNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            node = node?[key];
        }

        return StackTemplate.Text(node);
    }

    [Fact]
    public void TasksTopic_EachAsyncSampleSystem_HasItsOwnFilteredEncryptedQueue()
    {
        var asyncSystems = Gdpr.Workflows.Erasure.Registry.SystemRegistry.Load(Path.Combine(RepositoryPaths.Root, "samples", "systems.yaml"))
            .Systems.Where(s => s.ModeName == "async").Select(s => s.Name).ToList();
        var subscriptions = Template.OfType("AWS::SNS::Subscription").Where(s => StackTemplate.ReferencedLogicalIds(s.Properties!["TopicArn"]).Contains("ErasureTasksTopic")).ToList();

        asyncSystems.Should().NotBeEmpty();
        foreach (var system in asyncSystems)
        {
            var subscription = subscriptions.Where(s => s.Properties!["FilterPolicy"]?["system"]?.AsArray().Select(v => StackTemplate.Text(v)).SequenceEqual([system]) == true)
                .Should().ContainSingle($"async system {system} receives its tasks on a queue filtered to it").Subject;
            At(subscription.Properties, "Protocol").Should().Be("sqs");
            At(subscription.Properties, "RawMessageDelivery").Should().Be("true", "the message is the task itself (task.schema.json)");
            var queue = Resource(StackTemplate.ReferencedLogicalIds(subscription.Properties!["Endpoint"]).Single());
            queue.Type.Should().Be("AWS::SQS::Queue");
            At(queue.Properties, "SqsManagedSseEnabled").Should().Be("true");
            queue.Properties!["RedrivePolicy"].Should().NotBeNull("a message that keeps failing ends in a dead-letter queue");
        }
    }

    [Fact]
    public void Tables_Every_IsOnDemandRecoverableEncryptedAndProtectedFromDeletion()
    {
        var tables = Template.OfType("AWS::DynamoDB::Table").ToList();

        tables.Select(t => t.LogicalId).Should().BeEquivalentTo(["RequestsTable", "AuditTable", "VaultTable", "TaskTokensTable"]);
        foreach (var table in tables)
        {
            var p = table.Properties;
            At(p, "BillingMode").Should().Be("PAY_PER_REQUEST", table.LogicalId);
            At(p, "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled").Should().Be("true", table.LogicalId);
            At(p, "SSESpecification", "SSEEnabled").Should().Be("true", table.LogicalId);
            At(p, "DeletionProtectionEnabled").Should().Be("true", table.LogicalId);
        }
    }

    [Fact]
    public void VaultTable_IsEncryptedWithTheVaultKeyHasTtlAndKeepsBackupsOneDay()
    {
        var vault = Resource("VaultTable").Properties;

        At(vault, "SSESpecification", "SSEType").Should().Be("KMS");
        StackTemplate.ReferencedLogicalIds(vault["SSESpecification"]).Should().Contain("VaultKey");
        At(vault, "TimeToLiveSpecification", "Enabled").Should().Be("true");
        At(vault, "PointInTimeRecoverySpecification", "RecoveryPeriodInDays").Should().Be("1");
        At(Resource("VaultKey").Properties, "EnableKeyRotation").Should().Be("true");
    }

    [Theory]
    [InlineData("RequestsTable", "OpenByDeadline", "BySubjectHash", "ByStatus")]
    [InlineData("AuditTable", "BySubjectHash", "ByDay", "BySystem")]
    public void Table_Indexes_AreThoseTheFunctionsQuery(string table, params string[] indexes)
    {
        var names = Resource(table).Properties["GlobalSecondaryIndexes"]!.AsArray().Select(i => At(i, "IndexName"));

        names.Should().BeEquivalentTo(indexes);
    }

    [Fact]
    public void Topics_Every_IsEncryptedWithTheTopicsKey()
    {
        var topics = Template.OfType("AWS::SNS::Topic").ToList();

        topics.Select(t => t.LogicalId).Should().BeEquivalentTo(["ErasureTasksTopic", "OfficerTopic", "CompletionTopic", "ReplyTopic", "RecipientNoticesTopic"]);
        topics.Should().OnlyContain(t => StackTemplate.ReferencedLogicalIds(t.Properties["KmsMasterKeyId"]).Contains("TopicsKey"));
    }

    [Fact]
    public void StateMachine_LogsWithoutExecutionDataAndIsTraced()
    {
        var machine = Resource("ErasureStateMachine").Properties;

        At(machine, "Type").Should().Be("STANDARD", "an erasure waits for weeks; express workflows last five minutes");
        At(machine, "Logging", "IncludeExecutionData").Should().Be("false");
        At(machine, "Logging", "Level").Should().Be("ALL");
        At(machine, "Tracing", "Enabled").Should().Be("true");
    }

    [Fact]
    public void StateMachine_MayInvokeAndPublishToExactlyWhatItsDefinitionUses()
    {
        var machine = Resource("ErasureStateMachine").Properties;
        var substituted = machine["DefinitionSubstitutions"]!.AsObject()
            .SelectMany(p => StackTemplate.ReferencedLogicalIds(p.Value)).ToHashSet();
        var policies = machine["Policies"]!.AsArray().OfType<JsonObject>().ToList();

        IEnumerable<string> Targets(string policyTemplate) =>
            policies.Where(p => p.ContainsKey(policyTemplate)).SelectMany(p => StackTemplate.ReferencedLogicalIds(p[policyTemplate]));

        Targets("LambdaInvokePolicy").Should().BeEquivalentTo(substituted.Where(id => id.EndsWith("Function", StringComparison.Ordinal)));
        Targets("SNSPublishMessagePolicy").Should().BeEquivalentTo(substituted.Where(id => id.EndsWith("Topic", StringComparison.Ordinal)));
    }

    [Fact]
    public void Globals_FunctionsRunTracedOnProvidedAl2023WithTheTableNames()
    {
        var globals = Template.Globals("Function");

        At(globals, "Runtime").Should().Be("provided.al2023");
        At(globals, "Handler").Should().Be("bootstrap");
        At(globals, "Tracing").Should().Be("Active");
        globals["Environment"]!["Variables"]!.AsObject().Select(p => p.Key)
            .Should().Contain(["REQUESTS_TABLE", "AUDIT_TABLE", "VAULT_TABLE", "TASK_TOKENS_TABLE"]);
    }

    [Fact]
    public void Api_EveryRoute_IsOnTheIamAuthorisedApi()
    {
        At(Resource("ErasureApi").Properties, "Auth", "DefaultAuthorizer").Should().Be("AWS_IAM");
        var routes = Template.OfType("AWS::Serverless::Function")
            .SelectMany(f => (f.Properties["Events"] as JsonObject ?? []).Select(e => (Function: f.LogicalId, Event: e.Value)))
            .Where(e => At(e.Event, "Type") == "HttpApi")
            .ToList();

        routes.Select(r => $"{At(r.Event, "Properties", "Method")} {At(r.Event, "Properties", "Path")}").Should().BeEquivalentTo(
            "POST /requests", "GET /requests/{requestId}", "GET /requests/{requestId}/history", "POST /requests/{requestId}/cancel",
            "POST /tasks/callback", "POST /tasks/answers", "POST /requests/{requestId}/verification",
            "GET /tasks", "GET /tasks/{taskId}/subject",
            "POST /requests/{requestId}/extension", "POST /requests/{requestId}/pause", "POST /requests/{requestId}/resume",
            "POST /requests/{requestId}/retry", "POST /requests/{requestId}/refusal");
        routes.Should().OnlyContain(r => StackTemplate.ReferencedLogicalIds(r.Event!["Properties"]!["ApiId"]).Contains("ErasureApi"));
        routes.Should().OnlyContain(r => r.Event!["Properties"]!["Auth"] == null, "no route may opt out of IAM authorisation");
    }

    [Fact]
    public void Alarms_FailedExecutionsOverdueRequestsAndEraseErrors_NotifyTheOfficers()
    {
        var alarms = Template.OfType("AWS::CloudWatch::Alarm").ToList();

        alarms.Select(a => At(a.Properties, "MetricName")).Should().Contain(["ExecutionsFailed", "OverdueRequests", "Errors"]);
        alarms.Should().OnlyContain(a => StackTemplate.ReferencedLogicalIds(a.Properties["AlarmActions"]).Contains("OfficerTopic"));
    }

    [Fact]
    public void Reminders_RunDailyOnASchedule()
    {
        var daily = Resource("RemindersFunction").Properties["Events"]!["Daily"]!;

        At(daily, "Type").Should().Be("ScheduleV2");
        At(daily, "Properties", "ScheduleExpression").Should().StartWith("cron(").And.EndWith(" * * ? *)");
    }

    [Fact]
    public void Schedules_EveryOneIsDaily_SoTheLocalHostRunsThemToo()
    {
        var schedules = Gdpr.Workflows.Engine.Sam.SamSchedule.Read(Gdpr.Workflows.Engine.Sam.SamTemplate.Load(RepositoryPaths.TemplateFile, Gdpr.Workflows.Local.LocalHost.LocalParameters), out var unsupported);

        schedules.Should().ContainSingle(s => s.FunctionLogicalId == "RemindersFunction" && s.At == new TimeOnly(8, 0) && s.TimeZone.Id == "Europe/London");
        unsupported.Should().BeEmpty("gdpr serve runs every schedule of the template (DailySchedules); one it cannot run would be AWS-only behaviour");
    }
}
