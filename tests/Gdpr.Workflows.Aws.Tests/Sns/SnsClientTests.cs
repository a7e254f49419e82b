using System.Net;
using Amazon.Runtime;
using Gdpr.Workflows.Aws.Sns;
using Gdpr.Workflows.Aws.Tests.TestSupport;

namespace Gdpr.Workflows.Aws.Tests.Sns;

public sealed class SnsClientTests
{
    private const string TopicArn = "arn:aws:sns:eu-west-1:123456789012:erasure-tasks";

    [Fact]
    public async Task PublishAsync_WithAttribute_FormEncodesQueryProtocolAndReadsMessageId()
    {
        var stub = new StubHttpMessageHandler(_ => AwsResponses.Xml(
            """<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>m-1</MessageId></PublishResult></PublishResponse>"""));
        using var client = Client(stub);

        var messageId = await client.PublishAsync(new SnsPublishRequest
        {
            TopicArn = TopicArn,
            Message = """{"kind":"ErasureTask","system":"crm & billing"}""",
            MessageAttributes = new Dictionary<string, SnsMessageAttribute> { ["system"] = SnsMessageAttribute.FromString("crm") },
        });

        messageId.Should().Be("m-1");
        var (request, body) = stub.Requests.Single();
        request.Content!.Headers.ContentType!.ToString().Should().Be("application/x-www-form-urlencoded; charset=utf-8");
        body.Should().Be(
            "Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aeu-west-1%3A123456789012%3Aerasure-tasks" +
            "&Message=%7B%22kind%22%3A%22ErasureTask%22%2C%22system%22%3A%22crm%20%26%20billing%22%7D" +
            "&MessageAttributes.entry.1.Name=system&MessageAttributes.entry.1.Value.DataType=String" +
            "&MessageAttributes.entry.1.Value.StringValue=crm");
        request.Headers.GetValues("Authorization").Single().Should().Contain("/eu-west-1/sns/aws4_request");
    }

    [Fact]
    public async Task PublishAsync_XmlErrorResponse_ThrowsWithAwsErrorCode()
    {
        var stub = new StubHttpMessageHandler(_ => AwsResponses.Xml(
            """<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>AuthorizationError</Code><Message>not allowed</Message></Error><RequestId>r</RequestId></ErrorResponse>""",
            HttpStatusCode.Forbidden));
        using var client = Client(stub);

        var publish = () => client.PublishAsync(new SnsPublishRequest { TopicArn = TopicArn, Message = "{}" });

        var thrown = (await publish.Should().ThrowAsync<AwsServiceException>()).Which;
        thrown.ErrorCode.Should().Be("AuthorizationError");
        thrown.AwsMessage.Should().Be("not allowed");
        thrown.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public void PublishParameters_NumberAttributeAndFifoFields_AreIncluded()
    {
        var parameters = SnsClient.PublishParameters(new SnsPublishRequest
        {
            TopicArn = TopicArn,
            Message = "m",
            Subject = "s",
            MessageGroupId = "g",
            MessageDeduplicationId = "d",
            MessageAttributes = new Dictionary<string, SnsMessageAttribute> { ["timeoutSeconds"] = SnsMessageAttribute.FromNumber(86400) },
        });

        parameters.Should().Contain([
            new("Subject", "s"), new("MessageGroupId", "g"), new("MessageDeduplicationId", "d"),
            new("MessageAttributes.entry.1.Value.DataType", "Number"), new("MessageAttributes.entry.1.Value.StringValue", "86400"),
        ]);
    }

    private static SnsClient Client(StubHttpMessageHandler stub) => new(new AwsClientOptions
    {
        Region = "eu-west-1",
        Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
        HttpMessageHandler = stub,
    });
}
