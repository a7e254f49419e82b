using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Gdpr.Workflows.Aws;
using Gdpr.Workflows.Aws.Kms;
using Gdpr.Workflows.Aws.SecretsManager;
using Gdpr.Workflows.Aws.Sns;
using Gdpr.Workflows.Aws.Ssm;
using Gdpr.Workflows.Engine.Sam;
using Gdpr.Workflows.TestSupport.DynamoDb;

namespace Gdpr.Workflows.DeployedLocally;

/// <summary>
/// What `sam deploy` and the operator's first-deploy steps create, made on moto_server from template.yaml: its DynamoDB
/// tables, its KMS keys under their aliases (with each key's spec and usage), its SNS topics (by the names and ARNs the
/// template resolves to), and what the README's "Before the first deploy" puts outside the template (the systems
/// registry in SSM: a sync system "crm" with an Art. 19 recipient by email and an async "billing"; crm's connector
/// secret, pointing at the sync system's HTTPS endpoint). <see cref="EnvironmentOf"/> is each function's environment as
/// the template gives it, with the table names of this run.
/// </summary>
internal sealed class StackResources
{
    public const string Stage = "dev";
    public const string TablePrefix = "deployed-";
    public const string ConnectorToken = "deployed-locally-connector";

    private readonly SamTemplate _template;
    private readonly Dictionary<string, string> _replacements = new(StringComparer.Ordinal);

    private StackResources(SamTemplate template, Uri moto)
    {
        _template = template;
        Moto = moto;
    }

    /// <summary>moto_server's endpoint (HTTPS).</summary>
    public Uri Moto { get; }

    public static async Task<StackResources> CreateAsync(SamTemplate template, AwsClientOptions moto, Uri frontDoor)
    {
        var stack = new StackResources(template, moto.Endpoint!);
        var credentials = moto.Credentials!.GetCredentials();
        using (var dynamoDb = new AmazonDynamoDBClient(
            new BasicAWSCredentials(credentials.AccessKey, credentials.SecretKey),
            new AmazonDynamoDBConfig { ServiceURL = moto.Endpoint!.ToString(), AuthenticationRegion = moto.Region }))
        {
            foreach (var table in await TemplateTables.CreateAsync(dynamoDb, template.TemplatePath, TablePrefix))
            {
                stack._replacements[stack.RefOf(table.LogicalId)] = table.Request.TableName;
            }
        }

        using var kms = new KmsClient(moto);
        foreach (var alias in Resources(template, "AWS::KMS::Alias"))
        {
            var keyId = alias.Properties["TargetKeyId"]?["Ref"]?.GetValue<string>()
                ?? throw new DeployedLocallyException($"alias {alias.LogicalId} does not !Ref its key");
            var key = template.Resources[keyId].Properties;
            var created = await kms.CreateKeyAsync(new KmsCreateKeyRequest
            {
                Description = keyId,
                KeySpec = key["KeySpec"]?.GetValue<string>() ?? "SYMMETRIC_DEFAULT",
                KeyUsage = key["KeyUsage"]?.GetValue<string>() ?? "ENCRYPT_DECRYPT",
            });
            await kms.CreateAliasAsync(Text(template.Resolve(alias.Properties["AliasName"])), created.KeyId);
        }

        using var sns = new SnsClient(moto);
        foreach (var topic in Resources(template, "AWS::SNS::Topic"))
        {
            var arn = stack.RefOf(topic.LogicalId);
            var created = await sns.CreateTopicAsync(arn[(arn.LastIndexOf(':') + 1)..]);
            if (created != arn)
            {
                throw new DeployedLocallyException($"moto made topic {created}, template.yaml resolves {topic.LogicalId} to {arn}");
            }
        }

        using var ssm = new SsmClient(moto);
        var systems = $"/gdpr-workflows/{Stage}/systems/";
        await ssm.PutParameterAsync(systems + "crm",
            "{name: crm, owner: sales, mode: sync, timeoutSeconds: 30, recipients: [{name: Payroll Ltd, method: email, address: payroll@partner.example.net}]}");
        await ssm.PutParameterAsync(systems + "billing", "{name: billing, owner: finance, mode: async, timeoutSeconds: 86400, heartbeatSeconds: 3600}");

        using var secrets = new SecretsManagerClient(moto);
        await secrets.CreateSecretAsync($"gdpr-workflows/{Stage}/connectors/crm", new JsonObject
        {
            ["url"] = new Uri(frontDoor, "connector/crm").ToString(),
            ["headers"] = new JsonObject { ["Authorization"] = "Bearer " + ConnectorToken },
        }.ToJsonString());
        return stack;
    }

    /// <summary>The ARN (or name) template.yaml resolves <c>!Ref logicalId</c> to.</summary>
    public string RefOf(string logicalId) => Text(_template.Resolve(new JsonObject { ["Ref"] = logicalId }));

    /// <summary>The function's Environment.Variables from template.yaml (Globals merged), tables named as created here.</summary>
    public Dictionary<string, string> EnvironmentOf(SamFunction function) =>
        function.Environment.ToDictionary(v => v.Key, v => _replacements.GetValueOrDefault(v.Value, v.Value), StringComparer.Ordinal);

    private static IEnumerable<SamResource> Resources(SamTemplate template, string type) =>
        template.Resources.Values.Where(r => r.Type == type && r.IsCreated);

    private static string Text(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue(out string? text) ? text : throw new DeployedLocallyException($"template.yaml: expected text, found {value?.ToJsonString()}");
}
