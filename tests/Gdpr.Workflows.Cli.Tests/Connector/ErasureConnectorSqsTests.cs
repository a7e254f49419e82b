using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Tests.Support;
using Gdpr.Workflows.Connector;
using Gdpr.Workflows.Engine.Sam;
using Gdpr.Workflows.Local;
using Gdpr.Workflows.TestSupport.Moto;
using Gdpr.Workflows.TestSupport.Repository;

namespace Gdpr.Workflows.Cli.Tests.Connector;

/// <summary>
/// The queue way on moto_server's SNS and SQS, wired as template.yaml wires the support desk: the tasks topic, the
/// desk's queue subscribed with the template's own subscription properties (filter policy on <c>system</c>, raw
/// delivery). A real task of <c>gdpr serve</c> published there as the state machine publishes it reaches the desk's
/// queue (another system's does not), and the unchanged connector receives it, fetches the subject and answers.
/// </summary>
public sealed class ErasureConnectorSqsTests : IAsyncLifetime, IDisposable
{
    private readonly ServeProcess serve = new();
    private readonly MotoServerProcess moto = MotoServerProcess.Start();
    private readonly HttpClient http = new();
    private AmazonSQSClient sqs = null!;

    public async Task InitializeAsync()
    {
        await serve.StartAsync();
        sqs = new AmazonSQSClient(new BasicAWSCredentials("x", "x"), new AmazonSQSConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = "eu-west-2" });
    }

    [Fact]
    public async Task SqsReceiver_TaskOnTheTemplatesTopicAndQueue_FilteredToTheDeskAndAnswered()
    {
        var submitted = await serve.Gdpr.RunAsync("submit", "--email", "jane.queue@example.com", "--json");
        submitted.ExitCode.Should().Be(ExitCodes.Ok, submitted.ToString());
        var requestId = submitted.Json["requestId"]!.GetValue<string>();
        (await serve.Gdpr.RunAsync("verify", requestId, "--method", "id-document")).ExitCode.Should().Be(ExitCodes.Ok);
        var task = await WaitForTaskAsync(requestId);

        var topicArn = (await SnsAsync("CreateTopic", ("Name", "gdpr-erasure-tasks")))["TopicArn"];
        var queueUrl = (await sqs.CreateQueueAsync("support-desk-tasks")).QueueUrl;
        var queueArn = (await sqs.GetQueueAttributesAsync(queueUrl, ["QueueArn"])).QueueARN;
        var subscription = SamTemplate.Load(RepositoryRoot.TemplateFile, new Dictionary<string, string> { ["NotificationEmail"] = "dpo@example.test" })
            .Resources["SupportDeskTasksSubscription"].Properties;
        await SnsAsync(
            "Subscribe", ("TopicArn", topicArn), ("Protocol", subscription["Protocol"]!.GetValue<string>()), ("Endpoint", queueArn),
            ("Attributes.entry.1.key", "FilterPolicy"), ("Attributes.entry.1.value", subscription["FilterPolicy"]!.ToJsonString()),
            ("Attributes.entry.2.key", "RawMessageDelivery"), ("Attributes.entry.2.value", subscription["RawMessageDelivery"]!.ToString().ToLowerInvariant()),
            ("Attributes.entry.3.key", "FilterPolicyScope"), ("Attributes.entry.3.value", subscription["FilterPolicyScope"]!.GetValue<string>()));

        // As the state machine's AskSystemToErase publishes: the task message, the system as a message attribute.
        var crmTask = task.DeepClone().AsObject();
        crmTask["system"] = "crm";
        await PublishAsync(topicArn, crmTask);
        await PublishAsync(topicArn, task);

        var handler = new QueueHandler();
        using var connector = new ErasureConnector(new ConnectorOptions { ApiBaseUri = serve.Url, System = "support-desk", BearerToken = serve.Tokens.TokenOf(ApiRole.System, "support-desk") }, handler);
        var runs = await connector.Sqs(sqs, queueUrl).ReceiveOnceAsync(waitSeconds: 5);

        runs.Should().ContainSingle().Which.Should().Match<TaskRun>(r => r.Status == "delivered" && r.Outcome == "erased");
        handler.Emails.Should().Equal("jane.queue@example.com");
        (await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 1 })).Messages.Should().BeNullOrEmpty("the desk's message was deleted once answered, and crm's was filtered out");
        (await connector.Api.GetTasksAsync(TimeSpan.Zero)).Should().BeEmpty("the answer closed the task");
    }

    public async Task DisposeAsync() => await serve.DisposeAsync();

    public void Dispose()
    {
        sqs?.Dispose();
        http.Dispose();
        moto.Dispose();
        serve.Dispose();
    }

    /// <summary>The desk's task for <paramref name="requestId"/> as the tasks topic carries it (the pull's item without the inbox's view).</summary>
    private async Task<JsonObject> WaitForTaskAsync(string requestId)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(serve.Url, "tasks?wait=5"));
            request.Headers.Authorization = new("Bearer", serve.Tokens.TokenOf(ApiRole.System, "support-desk"));
            using var response = await http.SendAsync(request);
            var tasks = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["tasks"]!.AsArray();
            if (tasks.FirstOrDefault(t => t!["requestId"]!.GetValue<string>() == requestId) is JsonObject task)
            {
                var message = task.DeepClone().AsObject();
                message.Remove("receivedAt");
                message.Remove("dueAt");
                message.Remove("state");
                return message;
            }
        }

        throw new TimeoutException($"No task for {requestId} within 90 s.");
    }

    private async Task PublishAsync(string topicArn, JsonObject message) =>
        await SnsAsync(
            "Publish", ("TopicArn", topicArn), ("Message", message.ToJsonString()),
            ("MessageAttributes.entry.1.Name", "system"), ("MessageAttributes.entry.1.Value.DataType", "String"),
            ("MessageAttributes.entry.1.Value.StringValue", message["system"]!.GetValue<string>()));

    /// <summary>An SNS query-API call on moto (no SNS SDK package is served; moto does not check signatures).</summary>
    private async Task<Dictionary<string, string>> SnsAsync(string action, params (string Name, string Value)[] parameters)
    {
        var form = new List<KeyValuePair<string, string>> { new("Action", action), new("Version", "2010-03-31") };
        form.AddRange(parameters.Select(p => KeyValuePair.Create(p.Name, p.Value)));
        using var request = new HttpRequestMessage(HttpMethod.Post, moto.Endpoint) { Content = new FormUrlEncodedContent(form) };
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=x/20260101/eu-west-2/sns/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"SNS {action} on moto: {text}");
        var xml = System.Xml.Linq.XDocument.Parse(text);
        return xml.Descendants().Where(e => !e.HasElements).GroupBy(e => e.Name.LocalName).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
    }

    private sealed class QueueHandler : IErasureHandler
    {
        public List<string?> Emails { get; } = [];

        public Task<ErasureResult> EraseAsync(ErasureSubject subject, ErasureContext context, CancellationToken cancellationToken)
        {
            lock (Emails)
            {
                Emails.Add(subject.Find("email"));
            }

            return Task.FromResult(ErasureResult.Erased("desk:queue"));
        }
    }
}
