using System.Text;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Gdpr.Workflows.Aws;
using Gdpr.Workflows.Aws.Kms;
using Gdpr.Workflows.Aws.SecretsManager;
using Gdpr.Workflows.Aws.Sns;
using Gdpr.Workflows.Aws.Ssm;
using Gdpr.Workflows.Aws.StepFunctions;
using Gdpr.Workflows.TestSupport.DynamoDb;
using Gdpr.Workflows.TestSupport.Moto;

namespace Gdpr.Workflows.Benchmarks.ColdStart;

/// <summary>
/// What the functions find on AWS, on a local moto_server: template.yaml's DynamoDB tables, the vault and subject-hash
/// KMS keys under the template's aliases, the systems registry in SSM (a sync system "crm" with an email recipient, an
/// async "billing"), crm's connector secret pointing at a loopback <see cref="ConnectorEndpoint"/>, the officer and
/// Art. 19 notices topics, and the state machine under its fixed name. <see cref="Variables"/> is the environment
/// template.yaml gives the functions (Globals plus each function's own), pointed at moto with dummy credentials.
/// </summary>
internal sealed class ColdStartEnvironment : IAsyncDisposable
{
    public const string Stage = "dev";

    /// <summary>The variable every AWS client of the functions takes its endpoint from.</summary>
    public const string EndpointVariable = "AWS_ENDPOINT_URL";
    private const string Region = "eu-west-1";
    private const string TablePrefix = "coldstart-";

    private readonly MotoServerProcess _moto;
    private readonly ConnectorEndpoint _connector;

    private ColdStartEnvironment(MotoServerProcess moto, ConnectorEndpoint connector, IReadOnlyDictionary<string, string> variables)
    {
        _moto = moto;
        _connector = connector;
        Variables = variables;
    }

    /// <summary>The functions' environment variables.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; }

    /// <summary>moto_server.</summary>
    public Uri Endpoint => _moto.Endpoint;

    public static async Task<ColdStartEnvironment> StartAsync(string repositoryRoot)
    {
        var moto = MotoServerProcess.Start();
        var connector = new ConnectorEndpoint();
        try
        {
            var variables = await CreateResourcesAsync(moto.Endpoint, repositoryRoot, connector.Url);
            return new ColdStartEnvironment(moto, connector, variables);
        }
        catch
        {
            await connector.DisposeAsync();
            moto.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connector.DisposeAsync();
        _moto.Dispose();
    }

    private static async Task<Dictionary<string, string>> CreateResourcesAsync(Uri endpoint, string repositoryRoot, Uri connectorUrl)
    {
        var credentials = new BasicAWSCredentials("AKIDCOLDSTART", "coldstart-secret");
        var options = new AwsClientOptions { Region = Region, Endpoint = endpoint, Credentials = credentials };

        using (var dynamoDb = new AmazonDynamoDBClient(credentials, new AmazonDynamoDBConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = Region }))
        {
            await TemplateTables.CreateAsync(dynamoDb, Path.Combine(repositoryRoot, "template.yaml"), TablePrefix);
        }

        using var kms = new KmsClient(options);
        var vaultKey = await kms.CreateKeyAsync(new KmsCreateKeyRequest { Description = "vault" });
        await kms.CreateAliasAsync($"alias/gdpr-workflows-{Stage}-vault", vaultKey.KeyId);
        var hashKey = await kms.CreateKeyAsync(new KmsCreateKeyRequest { KeySpec = "HMAC_256", KeyUsage = "GENERATE_VERIFY_MAC", Description = "subject hash" });
        await kms.CreateAliasAsync($"alias/gdpr-workflows-{Stage}-subject-hash", hashKey.KeyId);

        using var ssm = new SsmClient(options);
        var systems = $"/gdpr-workflows/{Stage}/systems/";
        await ssm.PutParameterAsync(systems + "crm",
            "{name: crm, owner: sales, mode: sync, timeoutSeconds: 30, recipients: [{name: Payroll Ltd, method: email, address: payroll@partner.example.net}]}");
        await ssm.PutParameterAsync(systems + "billing", "{name: billing, owner: finance, mode: async, timeoutSeconds: 86400, heartbeatSeconds: 3600}");

        using var secrets = new SecretsManagerClient(options);
        var connectorSecrets = $"gdpr-workflows/{Stage}/connectors/";
        await secrets.CreateSecretAsync(connectorSecrets + "crm", new JsonObject
        {
            ["url"] = connectorUrl.ToString(),
            ["headers"] = new JsonObject { ["Authorization"] = "Bearer coldstart" },
        }.ToJsonString());

        using var sns = new SnsClient(options);
        var officerTopic = await sns.CreateTopicAsync($"gdpr-workflows-{Stage}-officers");
        var noticesTopic = await sns.CreateTopicAsync($"gdpr-workflows-{Stage}-recipient-notices");

        using var stepFunctions = new StepFunctionsClient(options);
        var stateMachine = await stepFunctions.CreateStateMachineAsync(new CreateStateMachineRequest
        {
            Name = $"gdpr-workflows-{Stage}-erasure",
            Definition = await File.ReadAllTextAsync(Path.Combine(repositoryRoot, "statemachines", "erasure.asl.json"), Encoding.UTF8),
            RoleArn = "arn:aws:iam::123456789012:role/coldstart",
        });

        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_REGION"] = Region,
            ["AWS_ACCESS_KEY_ID"] = credentials.GetCredentials().AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = credentials.GetCredentials().SecretKey,
            ["AWS_SESSION_TOKEN"] = string.Empty,
            ["AWS_PROFILE"] = string.Empty,
            [EndpointVariable] = endpoint.ToString(),
            // template.yaml Globals
            ["STAGE"] = Stage,
            ["REQUESTS_TABLE"] = TablePrefix + "Requests",
            ["AUDIT_TABLE"] = TablePrefix + "Audit",
            ["VAULT_TABLE"] = TablePrefix + "Vault",
            ["TASK_TOKENS_TABLE"] = TablePrefix + "TaskTokens",
            ["AUDIT_RETENTION_DAYS"] = "2190",
            ["VAULT_SAFETY_NET_DAYS"] = "100",
            ["SYSTEMS_PARAMETER_PATH"] = systems,
            ["VAULT_KEY_ID"] = $"alias/gdpr-workflows-{Stage}-vault",
            // each function's own
            ["STATE_MACHINE_ARN"] = stateMachine.StateMachineArn,
            ["SUBJECT_HASH_KEY_ID"] = $"alias/gdpr-workflows-{Stage}-subject-hash",
            ["OFFICER_TOPIC_ARN"] = officerTopic,
            ["CONNECTOR_SECRETS_PREFIX"] = connectorSecrets,
            ["RECIPIENT_NOTICES_TOPIC_ARN"] = noticesTopic,
            ["RECIPIENT_SECRETS_PREFIX"] = $"gdpr-workflows/{Stage}/recipients/",
        };
    }
}
