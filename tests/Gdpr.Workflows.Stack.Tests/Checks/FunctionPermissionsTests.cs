using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gdpr.Workflows.Stack.Tests.Support;
using Gdpr.Workflows.Stack.Tests.Template;

namespace Gdpr.Workflows.Stack.Tests.Checks;

/// <summary>
/// Every function's IAM grants are exactly what the ports its Program.cs composes need: the ports are declared here per
/// function (keep them in step with functions/*/Program.cs), each port names the actions and resources its adapter uses,
/// and the template must grant their union, nothing missing and nothing more. A new port or a new grant fails until
/// both sides agree.
/// </summary>
public sealed partial class FunctionPermissionsTests
{
    private const string AuditResources = "AuditTable|AuditTable/index/*";

    /// <summary>What each port's AWS adapter calls: "action@resource" ("a|b" for several resources).</summary>
    private static readonly Dictionary<string, string[]> PortGrants = new(StringComparer.Ordinal)
    {
        ["Requests.Read"] = ["dynamodb:GetItem@RequestsTable"],
        ["Requests.Update"] = ["dynamodb:GetItem@RequestsTable", "dynamodb:UpdateItem@RequestsTable"],
        // Create is a transaction of conditional puts; the intake key and subject hashes are looked up by key and index.
        ["Requests.Create"] = ["dynamodb:PutItem@RequestsTable|RequestsTable/index/*", "dynamodb:GetItem@RequestsTable|RequestsTable/index/*", "dynamodb:Query@RequestsTable|RequestsTable/index/*"],
        ["Requests.OpenQueue"] = ["dynamodb:Query@RequestsTable/index/OpenByDeadline"],
        ["Requests.ByStatus"] = ["dynamodb:Query@RequestsTable/index/ByStatus"],
        // AuditLedger appends (a transaction of PutItem + ConditionCheckItem) after reading the head and idempotency keys;
        // the same transaction anchors the chain's head in the request's item (UpdateItem; GetItem when there is no item).
        ["Audit.Append"] = [$"dynamodb:PutItem@{AuditResources}", $"dynamodb:GetItem@{AuditResources}", $"dynamodb:Query@{AuditResources}", $"dynamodb:ConditionCheckItem@{AuditResources}", "dynamodb:UpdateItem@RequestsTable", "dynamodb:GetItem@RequestsTable"],
        ["Audit.Read"] = [$"dynamodb:GetItem@{AuditResources}", $"dynamodb:Query@{AuditResources}"],
        // The vault table is SSE-KMS under the vault key: DynamoDB uses the key on the caller's behalf (kms:ViaService).
        ["Vault.Seal"] = ["dynamodb:PutItem@VaultTable", "kms:Encrypt@VaultKey", "kms:Decrypt@VaultKey", "kms:GenerateDataKey@VaultKey", "kms:DescribeKey@VaultKey"],
        ["Vault.Open"] = ["dynamodb:GetItem@VaultTable", "kms:Decrypt@VaultKey", "kms:DescribeKey@VaultKey"],
        // SubjectVault.GetStateAsync reads the record and its key item; nothing is unwrapped.
        ["Vault.State"] = ["dynamodb:GetItem@VaultTable", "kms:Decrypt@VaultKey", "kms:DescribeKey@VaultKey"],
        ["Vault.Shred"] = ["dynamodb:GetItem@VaultTable", "dynamodb:DeleteItem@VaultTable", "kms:Decrypt@VaultKey", "kms:DescribeKey@VaultKey"],
        // ShredService keeps identifiers for a retention: the entries' TTL attribute is raised past the last retain-until day.
        ["Vault.KeepSealed"] = ["dynamodb:UpdateItem@VaultTable", "kms:Decrypt@VaultKey", "kms:DescribeKey@VaultKey"],
        ["KmsKeyWrapper.Wrap"] = ["kms:Encrypt@VaultKey"],
        ["KmsKeyWrapper.Unwrap"] = ["kms:Decrypt@VaultKey"],
        ["KmsSubjectHasher"] = ["kms:GenerateMac@SubjectHashKey"],
        ["SsmSystemRegistry"] = ["ssm:GetParametersByPath@parameter/gdpr-workflows/${Stage}/systems|parameter/gdpr-workflows/${Stage}/systems/*"],
        // HttpsErasureConnector: each connector's endpoint and credentials are a secret under the stage's connectors path.
        ["Connectors"] = ["secretsmanager:GetSecretValue@secret:gdpr-workflows/${Stage}/connectors/*"],
        // AwsRecipientNotifier: webhooks from secrets, recipients' own gdpr-art19-* topics (any account), the notices outbox topic.
        ["AwsRecipientNotifier"] =
        [
            "secretsmanager:GetSecretValue@secret:gdpr-workflows/${Stage}/recipients/*",
            "sns:Publish@arn:${AWS::Partition}:sns:*:*:gdpr-art19-*",
            "sns:Publish@RecipientNoticesTopic", "kms:GenerateDataKey@TopicsKey", "kms:Decrypt@TopicsKey",
        ],
        ["TaskTokens.Put"] = ["dynamodb:PutItem@TaskTokensTable"],
        ["TaskTokens.Take"] = ["dynamodb:GetItem@TaskTokensTable", "dynamodb:DeleteItem@TaskTokensTable"],
        ["SnsOfficerNotifier"] = ["sns:Publish@OfficerTopic", "kms:GenerateDataKey@TopicsKey", "kms:Decrypt@TopicsKey"],
        ["SnsReplyDelivery"] = ["sns:Publish@ReplyTopic", "kms:GenerateDataKey@TopicsKey", "kms:Decrypt@TopicsKey"],
        ["StepFunctionsWorkflow.Start"] = ["states:StartExecution@ErasureStateMachine"],
        ["StepFunctionsWorkflow.Stop"] = ["states:DescribeExecution@execution:${ErasureStateMachine.Name}:*", "states:StopExecution@execution:${ErasureStateMachine.Name}:*"],
        // An officer's retry reads where the request's execution stands (IWorkflowExecutions).
        ["StepFunctionsWorkflow.Describe"] = ["states:DescribeExecution@execution:${ErasureStateMachine.Name}:*"],
        ["StepFunctionsWorkflow.Answer"] = ["states:SendTaskSuccess@*", "states:SendTaskFailure@*", "states:SendTaskHeartbeat@*"],
        // The verification wait answers its own task with a decision taken before a re-run of the step.
        ["StepFunctionsWorkflow.AnswerDecision"] = ["states:SendTaskSuccess@*", "states:SendTaskFailure@*"],
        // By the state machine's fixed name: the workflow invokes the shredder, so its role cannot reference the machine.
        ["StepFunctionsExecutionEnds"] = ["states:DescribeExecution@execution:gdpr-workflows-${Stage}-erasure:*"],
        // DynamoDbSystemTaskInbox: tasks kept as items of the TaskTokens table, listed by Query, answers read by key.
        ["SystemTasks.Record"] = ["dynamodb:PutItem@TaskTokensTable"],
        ["SystemTasks.Read"] = ["dynamodb:Query@TaskTokensTable", "dynamodb:GetItem@TaskTokensTable", "dynamodb:GetItem@RequestsTable"],
    };

    /// <summary>The ports each function's Program.cs composes (on AWS).</summary>
    private static readonly Dictionary<string, string[]> FunctionPorts = new(StringComparer.Ordinal)
    {
        ["LedgerFunction"] = ["Requests.Update", "Audit.Append"],
        ["VerificationFunction"] = ["Requests.Read", "TaskTokens.Put", "Audit.Append", "SnsOfficerNotifier", "StepFunctionsWorkflow.AnswerDecision"],
        ["SystemsFunction"] = ["Requests.Read", "SsmSystemRegistry"],
        ["SyncEraseFunction"] = ["Vault.Open", "KmsKeyWrapper.Unwrap", "SsmSystemRegistry", "Connectors"],
        ["RecipientsFunction"] = ["Vault.Open", "KmsKeyWrapper.Unwrap", "SsmSystemRegistry", "AwsRecipientNotifier"],
        ["FinalizerFunction"] = ["Requests.Update", "Audit.Append"],
        ["ReplyFunction"] = ["Requests.Read", "Vault.Open", "KmsKeyWrapper.Unwrap", "Audit.Append", "SnsReplyDelivery"],
        ["VaultShredderFunction"] = ["Vault.Shred", "Vault.KeepSealed", "Requests.Read", "Requests.ByStatus", "StepFunctionsExecutionEnds", "Audit.Append"],
        ["IntakeFunction"] = ["Requests.Create", "Vault.Seal", "KmsKeyWrapper.Wrap", "KmsSubjectHasher", "Audit.Append", "StepFunctionsWorkflow.Start"],
        ["StatusFunction"] = ["Requests.Read"],
        ["HistoryFunction"] = ["Audit.Read"],
        ["CancelFunction"] = ["Requests.Update", "StepFunctionsWorkflow.Stop", "Audit.Append"],
        ["TaskCallbackFunction"] = ["StepFunctionsWorkflow.Answer", "TaskTokens.Take", "TaskTokens.Put", "Requests.Update", "Audit.Append"],
        ["TasksFunction"] = ["SystemTasks.Record", "SystemTasks.Read", "Requests.Read", "Vault.Open", "KmsKeyWrapper.Unwrap"],
        ["DeadlineFunction"] = ["Requests.Update", "Audit.Append"],
        ["RefusalFunction"] = ["Requests.Update", "Audit.Append", "Vault.Open", "KmsKeyWrapper.Unwrap", "SnsReplyDelivery", "StepFunctionsWorkflow.Stop"],
        ["RetryFunction"] = ["Requests.Update", "Audit.Append", "Vault.State", "Vault.Open", "KmsKeyWrapper.Unwrap", "SsmSystemRegistry", "Connectors", "StepFunctionsWorkflow.Start", "StepFunctionsWorkflow.Describe"],
        ["RemindersFunction"] = ["Requests.OpenQueue", "SnsOfficerNotifier", "Requests.ByStatus", "Requests.Update", "Vault.State", "Audit.Append", "StepFunctionsWorkflow.Start"],
    };

    private static readonly Dictionary<string, string[]> PolicyTemplateActions = new(StringComparer.Ordinal)
    {
        ["SNSPublishMessagePolicy"] = ["sns:Publish"],
        ["StepFunctionsExecutionPolicy"] = ["states:StartExecution"],
    };

    [Fact]
    public void Template_EveryFunctionIsDeclared()
    {
        var functions = StackTemplate.Load(RepositoryPaths.TemplateFile).Resources
            .Where(r => r.Type == "AWS::Serverless::Function").Select(r => r.LogicalId);

        functions.Should().BeEquivalentTo(FunctionPorts.Keys);
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Template_FunctionPolicy_GrantsExactlyWhatItsPortsUse(string function)
    {
        var expected = FunctionPorts[function].SelectMany(port => PortGrants[port]).SelectMany(Expand).ToHashSet(StringComparer.Ordinal);

        var granted = Grants(PolicyInventory.Of(StackTemplate.Load(RepositoryPaths.TemplateFile)), function);

        granted.Except(expected).Should().BeEmpty("{0} is granted more than its ports use", function);
        expected.Except(granted).Should().BeEmpty("{0}'s ports need these and the template does not grant them", function);
    }

    [Fact]
    public void Grants_FixtureWithAnExtraAction_ShowsTheExtraGrant()
    {
        var inventory = PolicyInventory.Of(StackTemplate.Load(RepositoryPaths.Fixture("audit-update-granted.template.yaml")));

        Grants(inventory, "UpdaterFunction").Should().Contain("dynamodb:UpdateItem@AuditTable");
    }

    public static TheoryData<string> Functions() => new(FunctionPorts.Keys);

    private static IEnumerable<string> Expand(string grant)
    {
        var at = grant.IndexOf('@', StringComparison.Ordinal);
        return grant[(at + 1)..].Split('|').Select(resource => grant[..(at + 1)] + resource);
    }

    private static HashSet<string> Grants(PolicyInventory inventory, string function)
    {
        var grants = new HashSet<string>(StringComparer.Ordinal);
        foreach (var statement in inventory.Statements.Where(s => s.Owner == function && s.IsAllow))
        {
            foreach (var action in statement.Actions)
            {
                foreach (var resource in statement.Resources)
                {
                    grants.Add($"{action}@{ResourceName(resource)}");
                }
            }
        }

        foreach (var use in inventory.Templates.Where(t => t.Owner == function))
        {
            var target = use.Arguments?.AsObject().Select(a => ResourceName(a.Value)).Single() ?? "?";
            foreach (var action in PolicyTemplateActions.TryGetValue(use.Name, out var actions) ? actions : [use.Name])
            {
                grants.Add($"{action}@{target}");
            }
        }

        return grants;
    }

    /// <summary>A resource as the declarations name it: a logical id, "Table/index/Name", or the ARN's resource part.</summary>
    private static string ResourceName(JsonNode? node)
    {
        var text = node switch
        {
            JsonObject o when o["Fn::GetAtt"] is JsonArray getAtt => getAtt[0]!.GetValue<string>(),
            JsonObject o when o["Fn::GetAtt"] is JsonValue getAtt => getAtt.GetValue<string>().Split('.')[0],
            JsonObject o when o["Fn::Sub"] is JsonValue sub => sub.GetValue<string>(),
            JsonObject o when o["Fn::Sub"] is JsonArray sub => sub[0]!.GetValue<string>(),
            JsonObject o when o["Ref"] is JsonValue reference => reference.GetValue<string>(),
            JsonValue v => v.GetValue<string>(),
            _ => node?.ToJsonString() ?? "?",
        };
        text = TopicName().Replace(text, "$1");
        text = ArnAttribute().Replace(text, "$1");
        return ArnPrefix().Replace(text, string.Empty);
    }

    [GeneratedRegex(@"^\$\{(\w+)\.Arn\}")]
    private static partial Regex ArnAttribute();

    [GeneratedRegex(@"^\$\{(\w+)\.TopicName\}$")]
    private static partial Regex TopicName();

    [GeneratedRegex(@"^arn:\$\{AWS::Partition\}:[a-z-]+:\$\{AWS::Region\}:\$\{AWS::AccountId\}:")]
    private static partial Regex ArnPrefix();
}
