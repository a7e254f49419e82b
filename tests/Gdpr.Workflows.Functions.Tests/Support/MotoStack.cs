using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Gdpr.Workflows.Aws;
using Gdpr.Workflows.Aws.Sns;
using Gdpr.Workflows.Aws.StepFunctions;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.TestSupport.DynamoDb;
using Gdpr.Workflows.TestSupport.Moto;
using Gdpr.Workflows.TestSupport.Repository;

namespace Gdpr.Workflows.Functions.Tests.Support;

/// <summary>
/// A moto_server with the template's tables, the officers' topic and a state machine (one long Wait, so executions stay
/// running), and the environment a function gets from template.yaml pointed at it: functions composed as their
/// Program.cs composes them run against real DynamoDB, SNS and Step Functions APIs on loopback.
/// </summary>
public sealed class MotoStack : IAsyncLifetime
{
    public const string Region = "eu-west-2";
    private const string WaitDefinition = """{"StartAt":"Wait","States":{"Wait":{"Type":"Wait","Seconds":86400,"End":true}}}""";

    private readonly MotoServerProcess _moto = MotoServerProcess.Start();
    private readonly string _prefix = "fn-" + Guid.NewGuid().ToString("N")[..8] + "-";

    public string StateMachineArn { get; private set; } = "";

    public string OfficerTopicArn { get; private set; } = "";

    public AwsClientOptions ClientOptions => new()
    {
        Region = Region,
        Endpoint = _moto.Endpoint,
        Credentials = new BasicAWSCredentials("AKIDMOTO", "moto-secret"),
    };

    /// <summary>The variables template.yaml's Globals give every function, and those of the Reminders function.</summary>
    public IReadOnlyDictionary<string, string> Variables => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AWS_REGION"] = Region,
        ["AWS_ENDPOINT_URL"] = _moto.Endpoint.ToString(),
        ["AWS_ACCESS_KEY_ID"] = "AKIDMOTO",
        ["AWS_SECRET_ACCESS_KEY"] = "moto-secret",
        ["STAGE"] = "test",
        ["REQUESTS_TABLE"] = _prefix + "Requests",
        ["AUDIT_TABLE"] = _prefix + "Audit",
        ["VAULT_TABLE"] = _prefix + "Vault",
        ["TASK_TOKENS_TABLE"] = _prefix + "TaskTokens",
        ["VAULT_SAFETY_NET_DAYS"] = 100.ToString(CultureInfo.InvariantCulture),
        ["OFFICER_TOPIC_ARN"] = OfficerTopicArn,
        ["STATE_MACHINE_ARN"] = StateMachineArn,
    };

    /// <summary>A function's environment as Program.cs reads it.</summary>
    public AwsFunctionEnvironment Environment() => AwsFunctionEnvironment.FromEnvironment(name => Variables.GetValueOrDefault(name));

    public async Task InitializeAsync()
    {
        using (var dynamoDb = new AmazonDynamoDBClient(new BasicAWSCredentials("AKIDMOTO", "moto-secret"), new AmazonDynamoDBConfig { ServiceURL = _moto.Endpoint.ToString(), AuthenticationRegion = Region }))
        {
            await TemplateTables.CreateAsync(dynamoDb, RepositoryRoot.TemplateFile, _prefix);
        }

        using (var sns = new SnsClient(ClientOptions))
        {
            OfficerTopicArn = await sns.CreateTopicAsync(_prefix + "officers");
        }

        using var stepFunctions = new StepFunctionsClient(ClientOptions);
        StateMachineArn = (await stepFunctions.CreateStateMachineAsync(new CreateStateMachineRequest
        {
            Name = _prefix + "erasure",
            Definition = WaitDefinition,
            RoleArn = "arn:aws:iam::123456789012:role/erasure",
        })).StateMachineArn;
    }

    public Task DisposeAsync()
    {
        _moto.Dispose();
        return Task.CompletedTask;
    }
}
