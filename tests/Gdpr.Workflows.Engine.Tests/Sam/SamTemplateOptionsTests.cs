using Gdpr.Workflows.Engine.Sam;

namespace Gdpr.Workflows.Engine.Tests.Sam;

public class SamTemplateOptionsTests
{
    [Theory]
    [InlineData("eu-west-1", "aws", "amazonaws.com")]
    [InlineData("cn-northwest-1", "aws-cn", "amazonaws.com.cn")]
    [InlineData("us-gov-west-1", "aws-us-gov", "amazonaws.com")]
    public void Partition_NotSet_IsDerivedFromRegion(string region, string partition, string urlSuffix)
    {
        var options = new SamTemplateOptions { Region = region };

        options.Partition.Should().Be(partition);
        options.UrlSuffix.Should().Be(urlSuffix);
    }

    [Fact]
    public void Partition_Set_WinsOverRegion()
    {
        new SamTemplateOptions { Region = "eu-west-1", Partition = "aws-iso" }.Partition.Should().Be("aws-iso");
    }

    [Fact]
    public void For_EngineOptions_CopiesRegionAndAccount()
    {
        var options = SamTemplateOptions.For(new LocalEngineOptions { Region = "eu-central-1", AccountId = "111122223333" }, "gdpr");

        options.Should().BeEquivalentTo(new { Region = "eu-central-1", AccountId = "111122223333", StackName = "gdpr" });
    }
}
