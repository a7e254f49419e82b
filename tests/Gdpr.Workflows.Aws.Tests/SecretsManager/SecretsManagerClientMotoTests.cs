using Gdpr.Workflows.Aws.SecretsManager;
using Gdpr.Workflows.Aws.Tests.TestSupport;

namespace Gdpr.Workflows.Aws.Tests.SecretsManager;

[Collection(MotoCollection.Name)]
public sealed class SecretsManagerClientMotoTests(MotoServer moto) : IDisposable
{
    private readonly SecretsManagerClient _client = new(moto.Options());

    [Fact]
    public async Task GetSecretValueAsync_CreatedSecret_ReturnsItsString()
    {
        var name = "gdpr-workflows/test/connectors/" + Guid.NewGuid().ToString("N");
        var arn = await _client.CreateSecretAsync(name, """{"url":"https://crm.example/erase"}""");

        var secret = await _client.GetSecretValueAsync(name);

        secret.ARN.Should().Be(arn);
        secret.Name.Should().Be(name);
        secret.SecretString.Should().Be("""{"url":"https://crm.example/erase"}""");
    }

    public void Dispose() => _client.Dispose();
}
