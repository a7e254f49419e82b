using Gdpr.Workflows.Aws.Sns;
using Gdpr.Workflows.Aws.Tests.TestSupport;

namespace Gdpr.Workflows.Aws.Tests.Sns;

[Collection(MotoCollection.Name)]
public sealed class SnsClientMotoTests(MotoServer moto) : IDisposable
{
    private readonly SnsClient _client = new(moto.Options());

    [Fact]
    public async Task PublishAsync_ExistingTopic_ReturnsMessageId()
    {
        var topic = await _client.CreateTopicAsync("erasure-tasks");

        var messageId = await _client.PublishAsync(new SnsPublishRequest
        {
            TopicArn = topic,
            Message = """{"kind":"ErasureTask","requestId":"req-1","system":"crm"}""",
            MessageAttributes = new Dictionary<string, SnsMessageAttribute> { ["system"] = SnsMessageAttribute.FromString("crm") },
        });

        topic.Should().Be($"arn:aws:sns:{MotoServer.Region}:123456789012:erasure-tasks");
        Guid.TryParse(messageId, out _).Should().BeTrue(messageId);
    }

    [Fact]
    public async Task PublishAsync_MissingTopic_ThrowsNotFound()
    {
        var publish = () => _client.PublishAsync(new SnsPublishRequest { TopicArn = $"arn:aws:sns:{MotoServer.Region}:123456789012:nowhere", Message = "{}" });

        (await publish.Should().ThrowAsync<AwsServiceException>()).Which.ErrorCode.Should().Be("NotFound");
    }

    public void Dispose() => _client.Dispose();
}
