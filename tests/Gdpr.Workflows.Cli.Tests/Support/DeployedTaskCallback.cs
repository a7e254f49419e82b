using System.Text.Json.Nodes;
using Amazon.Runtime;
using Gdpr.Workflows.Aws;
using Gdpr.Workflows.Aws.StepFunctions;
using Gdpr.Workflows.Cli.Http;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Local;
using Gdpr.Workflows.Local.Composition;

namespace Gdpr.Workflows.Cli.Tests.Support;

/// <summary>
/// The TaskCallback function on the deployed stack's workflow adapter: composed by the one composition root
/// (<see cref="LocalServices"/>) over in-memory stores, answering through the Step Functions API
/// (<see cref="StepFunctionsWorkflow"/>, SigV4), here the one <c>gdpr serve</c> serves for its engine, so both hosts
/// answer the same engine's tasks. Called with API Gateway HTTP API events.
/// </summary>
internal sealed class DeployedTaskCallback : IDisposable
{
    private readonly StepFunctionsClient client;
    private readonly LocalKeyWrapper keys = new(LocalKeyWrapper.GenerateMasterKey());
    private readonly ErasureStores stores;
    private readonly IJsonFunction function;

    public DeployedTaskCallback(Uri serveUrl, string home)
    {
        var secret = File.ReadAllLines(Path.Combine(home, StepFunctionsMount.CredentialsFileName))
            .Single(l => l.StartsWith("aws_secret_access_key", StringComparison.Ordinal)).Split('=', 2)[1].Trim();
        client = new StepFunctionsClient(new AwsClientOptions
        {
            Region = "eu-west-2",
            Endpoint = new Uri(serveUrl.GetLeftPart(UriPartial.Authority)),
            Credentials = new BasicAWSCredentials(StepFunctionsMount.AccessKeyId, secret),
        });
        var workflow = new StepFunctionsWorkflow(client, "arn:aws:states:eu-west-2:000000000000:stateMachine:gdpr-erasure");
        var audit = new InMemoryAuditLedgerStore();
        var services = new LocalServices(new LocalPorts
        {
            Stores = new ErasureStores(new InMemoryRequestStore(), audit, audit, new InMemorySubjectVaultStore(), new InMemoryTaskTokenStore(), owner: keys),
            KeyWrapper = keys,
            SubjectHasher = LocalServices.PepperedHasher(new byte[32]),
            Workflow = workflow,
            WorkflowTasks = workflow,
            Registry = SystemRegistry.Parse("systems:\n  - {name: support-desk, owner: support, mode: async, timeoutSeconds: 86400, heartbeatSeconds: 3600}\n", "contract-test.yaml"),
            Ids = new SequentialIdGenerator(),
        });
        stores = services.Stores;
        function = LocalFunctions.Functions(services)[LocalFunctions.Prefix + "TaskCallback"];
    }

    /// <summary>POSTs <paramref name="body"/> to <paramref name="path"/> as API Gateway would; the response's status and JSON body.</summary>
    public async Task<(int Status, JsonNode? Body)> PostAsync(string path, JsonNode body)
    {
        var response = await function.HandleAsync(new JsonObject
        {
            ["version"] = "2.0",
            ["rawPath"] = path,
            ["headers"] = new JsonObject { ["content-type"] = "application/json" },
            ["requestContext"] = new JsonObject
            {
                ["http"] = new JsonObject { ["method"] = "POST", ["path"] = path },
                ["authorizer"] = new JsonObject { ["iam"] = new JsonObject { ["userArn"] = "arn:aws:sts::123456789012:assumed-role/SupportDeskConnector/worker" } },
            },
            ["pathParameters"] = new JsonObject(),
            ["body"] = body.ToJsonString(),
            ["isBase64Encoded"] = false,
        }, CancellationToken.None);
        return (response!["statusCode"]!.GetValue<int>(), JsonNode.Parse(response["body"]!.GetValue<string>()));
    }

    public void Dispose()
    {
        client.Dispose();
        stores.Dispose();
    }
}
