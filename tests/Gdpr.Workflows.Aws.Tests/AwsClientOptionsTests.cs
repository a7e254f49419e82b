using Amazon.Runtime;

namespace Gdpr.Workflows.Aws.Tests;

public sealed class AwsClientOptionsTests
{
    [Fact]
    public void FromEnvironment_ServiceEndpointAndGeneralEndpoint_ServiceEndpointWins()
    {
        var environment = new Dictionary<string, string>
        {
            ["AWS_REGION"] = "eu-west-2",
            ["AWS_DEFAULT_REGION"] = "us-east-1",
            ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:4566",
            ["AWS_ENDPOINT_URL_SFN"] = "http://127.0.0.1:8083",
            ["AWS_ACCESS_KEY_ID"] = "AK",
            ["AWS_SECRET_ACCESS_KEY"] = "SK",
        };

        var options = AwsClientOptions.FromEnvironment("SFN", environment.GetValueOrDefault);

        options.Region.Should().Be("eu-west-2");
        options.Endpoint.Should().Be(new Uri("http://127.0.0.1:8083"));
        options.Credentials!.GetCredentials().AccessKey.Should().Be("AK");
    }

    [Fact]
    public void FromEnvironment_OnlyDefaultRegionAndGeneralEndpoint_UsesThem()
    {
        var environment = new Dictionary<string, string>
        {
            ["AWS_DEFAULT_REGION"] = "us-east-1",
            ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:4566",
            ["AWS_ACCESS_KEY_ID"] = "AK",
            ["AWS_SECRET_ACCESS_KEY"] = "SK",
        };

        var options = AwsClientOptions.FromEnvironment("SNS", environment.GetValueOrDefault);

        options.Region.Should().Be("us-east-1");
        options.Endpoint.Should().Be(new Uri("http://127.0.0.1:4566"));
    }

    [Fact]
    public void FromEnvironment_NoRegion_ThrowsNamingTheVariable()
    {
        var create = () => AwsClientOptions.FromEnvironment("SFN", _ => null);

        create.Should().Throw<InvalidOperationException>().WithMessage("*AWS_REGION*");
    }
}
