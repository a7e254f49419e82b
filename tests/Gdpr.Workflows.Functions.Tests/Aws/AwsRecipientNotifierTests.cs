using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Aws.Sns;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.TestSupport.Http;

namespace Gdpr.Workflows.Functions.Tests.Aws;

public sealed class AwsRecipientNotifierTests
{
    private const string NoticesTopic = "arn:aws:sns:eu-west-1:123456789012:gdpr-workflows-prod-notices";
    private const string RecipientTopic = "arn:aws:sns:eu-west-1:210987654321:gdpr-art19-payroll";
    private const string Webhook = """{"url":"https://partner.example.net/art19","headers":{"x-api-key":"k3y"}}""";

    [Fact]
    public async Task NotifyAsync_ApiRecipientWithTopicArn_PublishesTheNoticeToThatTopic()
    {
        var sns = PublishOk();
        using var stubs = new EndpointStubs(Webhook, _ => EndpointStubs.Json("{}"));

        var delivery = await Notifier(sns, stubs).NotifyAsync(Notice(new Recipient("Payroll Ltd", RecipientMethod.Api, RecipientTopic)));

        delivery.Should().Be(RecipientDelivery.Sent);
        var form = Form(sns.Requests.Single().Body);
        form["Action"].Should().Be("Publish");
        form["TopicArn"].Should().Be(RecipientTopic);
        form.Keys.Should().NotContain(k => k.StartsWith("MessageAttributes", StringComparison.Ordinal) || k.StartsWith("MessageGroupId", StringComparison.Ordinal));
        JsonNode.DeepEquals(JsonNode.Parse(form["Message"]), JsonNode.Parse(
            $$"""
            {"kind":"Art19ErasureNotice","requestId":"req-1","system":"crm",
             "recipient":{"name":"Payroll Ltd","method":"api","address":"{{RecipientTopic}}"},
             "identifiers":[{"kind":"email","value":"ann@example.com"}],"idempotencyKey":"art19:abc"}
            """)).Should().BeTrue(form["Message"]);
        stubs.Endpoint.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task NotifyAsync_FifoTopic_SetsGroupAndDeduplicationIds()
    {
        var sns = PublishOk();
        using var stubs = new EndpointStubs(Webhook, _ => EndpointStubs.Json("{}"));

        await Notifier(sns, stubs).NotifyAsync(Notice(new Recipient("Payroll Ltd", RecipientMethod.Api, RecipientTopic + ".fifo")));

        var form = Form(sns.Requests.Single().Body);
        form["MessageGroupId"].Should().Be("req-1");
        form["MessageDeduplicationId"].Should().Be("art19-abc");
    }

    [Theory]
    [InlineData(RecipientMethod.Email, "payroll@partner.example.net", "email")]
    [InlineData(RecipientMethod.Post, "1 Partner Street, London", "post")]
    public async Task NotifyAsync_EmailOrPostRecipient_PublishesToTheNoticesTopicWithMethodAndSystemAttributes(RecipientMethod method, string address, string methodName)
    {
        var sns = PublishOk();
        using var stubs = new EndpointStubs(Webhook, _ => EndpointStubs.Json("{}"));

        var delivery = await Notifier(sns, stubs).NotifyAsync(Notice(new Recipient("Payroll Ltd", method, address)));

        delivery.Should().Be(RecipientDelivery.Sent);
        var form = Form(sns.Requests.Single().Body);
        form["TopicArn"].Should().Be(NoticesTopic);
        form["MessageAttributes.entry.1.Name"].Should().Be("method");
        form["MessageAttributes.entry.1.Value.StringValue"].Should().Be(methodName);
        form["MessageAttributes.entry.2.Name"].Should().Be("system");
        form["MessageAttributes.entry.2.Value.StringValue"].Should().Be("crm");
        JsonNode.Parse(form["Message"])!["recipient"]!["address"]!.GetValue<string>().Should().Be(address);
    }

    [Fact]
    public async Task NotifyAsync_ApiRecipientWithSecretAddress_PostsToTheWebhookWithItsHeaders()
    {
        var sns = PublishOk();
        using var stubs = new EndpointStubs(Webhook, _ => EndpointStubs.Json("""{"status":"acknowledged"}"""));

        var delivery = await Notifier(sns, stubs).NotifyAsync(Notice(new Recipient("Payroll Ltd", RecipientMethod.Api, "secret:payroll")));

        delivery.Should().Be(RecipientDelivery.Acknowledged);
        JsonNode.DeepEquals(JsonNode.Parse(stubs.SecretsManager.Requests.Single().Body), JsonNode.Parse("""{"SecretId":"gdpr-workflows/prod/recipients/payroll"}""")).Should().BeTrue();
        var (request, body) = stubs.Endpoint.Requests.Single();
        request.Method.Should().Be(HttpMethod.Post);
        request.RequestUri.Should().Be(new Uri("https://partner.example.net/art19"));
        request.Headers.GetValues("x-api-key").Should().Equal("k3y");
        request.Headers.GetValues("Idempotency-Key").Should().Equal("art19:abc");
        JsonNode.Parse(body)!["identifiers"]!.ToJsonString().Should().Be("""[{"kind":"email","value":"ann@example.com"}]""");
        sns.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task NotifyAsync_WebhookAcceptsWithoutAcknowledging_IsSent()
    {
        using var stubs = new EndpointStubs(Webhook, _ => new HttpResponseMessage(HttpStatusCode.Accepted));

        var delivery = await Notifier(PublishOk(), stubs).NotifyAsync(Notice(new Recipient("Payroll Ltd", RecipientMethod.Api, "secret:payroll")));

        delivery.Should().Be(RecipientDelivery.Sent);
    }

    [Fact]
    public async Task NotifyAsync_ApiRecipientWithPlainUrl_IsRefusedWithoutSending()
    {
        var sns = PublishOk();
        using var stubs = new EndpointStubs(Webhook, _ => EndpointStubs.Json("{}"));

        var act = () => Notifier(sns, stubs).NotifyAsync(Notice(new Recipient("Payroll Ltd", RecipientMethod.Api, "https://partner.example.net/art19")));

        await act.Should().ThrowAsync<InvalidOperationException>();
        sns.Requests.Should().BeEmpty();
        stubs.Endpoint.Requests.Should().BeEmpty();
    }

    [Theory]
    [InlineData("Throttling", HttpStatusCode.BadRequest, typeof(TransientConnectorException))]
    [InlineData("AuthorizationError", HttpStatusCode.Forbidden, typeof(InvalidOperationException))]
    public async Task NotifyAsync_SnsError_IsTransientOnlyWhenItMayPass(string code, HttpStatusCode status, Type expected)
    {
        var sns = new StubHttpMessageHandler(_ => new HttpResponseMessage(status)
        {
            Content = new StringContent($"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>m</Message></Error></ErrorResponse>", Encoding.UTF8, "text/xml"),
        });
        using var stubs = new EndpointStubs(Webhook, _ => EndpointStubs.Json("{}"));

        var act = () => Notifier(sns, stubs).NotifyAsync(Notice(new Recipient("Payroll Ltd", RecipientMethod.Email, "payroll@partner.example.net")));

        (await act.Should().ThrowAsync<Exception>()).Which.Should().BeOfType(expected);
    }

    private static StubHttpMessageHandler PublishOk() => new(_ => new HttpResponseMessage(HttpStatusCode.OK)
    {
        Content = new StringContent(
            """<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>m-1</MessageId></PublishResult></PublishResponse>""",
            Encoding.UTF8, "text/xml"),
    });

    private static AwsRecipientNotifier Notifier(StubHttpMessageHandler sns, EndpointStubs stubs) =>
        new(new SnsClient(AwsStub.Options(sns)), NoticesTopic, stubs.Secrets, "gdpr-workflows/prod/recipients/", stubs.Http);

    private static RecipientNotice Notice(Recipient recipient) =>
        new(recipient, "req-1", "crm", SubjectIdentifiers.Of(SubjectIdentifier.Email("ann@example.com")), "art19:abc");

    private static Dictionary<string, string> Form(string body) =>
        body.Split('&').Select(pair => pair.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => Uri.UnescapeDataString(p[1].Replace('+', ' ')), StringComparer.Ordinal);
}
