using Gdpr.Workflows.Engine.Integrations.Lambda;

namespace Gdpr.Workflows.Engine.Tests.Integrations.Lambda;

public class LambdaFunctionIdentifierTests
{
    [Theory]
    [InlineData("erase", "erase", null, null, null, null)]
    [InlineData("erase:live", "erase", "live", null, null, null)]
    [InlineData("erase:$LATEST", "erase", null, null, null, null)]
    [InlineData("123456789012:function:erase", "erase", null, null, "123456789012", null)]
    [InlineData("123456789012:function:erase:7", "erase", "7", null, "123456789012", null)]
    [InlineData("arn:aws:lambda:eu-west-1:123456789012:function:erase", "erase", null, "eu-west-1", "123456789012", "aws")]
    [InlineData("arn:aws-cn:lambda:cn-north-1:123456789012:function:erase:live", "erase", "live", "cn-north-1", "123456789012", "aws-cn")]
    public void TryParse_EveryFormInvokeAccepts_YieldsItsParts(
        string value, string name, string? qualifier, string? region, string? account, string? partition)
    {
        LambdaFunctionIdentifier.TryParse(value, out var id).Should().BeTrue();

        id.Should().Be(new LambdaFunctionIdentifier(name, qualifier, region, account, partition));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a:b:c:d:e")]
    [InlineData("arn:aws:sqs:eu-west-1:123456789012:queue")]
    [InlineData("arn:aws:lambda:eu-west-1:123456789012:layer:x")]
    [InlineData("erase:")]
    public void TryParse_NoFunctionReference_ReturnsFalse(string value)
    {
        LambdaFunctionIdentifier.TryParse(value, out _).Should().BeFalse();
    }

    [Fact]
    public void Parse_NoFunctionReference_Throws()
    {
        var parse = () => LambdaFunctionIdentifier.Parse("a:b:c:d:e");

        parse.Should().Throw<ArgumentException>().WithMessage("*'a:b:c:d:e' is not a Lambda function*");
    }

    [Fact]
    public void ToArn_PlainName_CompletesWithDefaultsAndLatestWhenAsked()
    {
        var id = LambdaFunctionIdentifier.Parse("erase");

        id.ToArn("aws", "us-east-1", "111111111111").Should().Be("arn:aws:lambda:us-east-1:111111111111:function:erase");
        id.ToArn("aws", "us-east-1", "111111111111", qualifyWithLatest: true)
            .Should().Be("arn:aws:lambda:us-east-1:111111111111:function:erase:$LATEST");
    }

    [Fact]
    public void ToArn_FullArnWithAlias_KeepsItsOwnParts()
    {
        var id = LambdaFunctionIdentifier.Parse("arn:aws:lambda:eu-west-1:222222222222:function:erase:live");

        id.ToArn("aws", "us-east-1", "111111111111", qualifyWithLatest: true)
            .Should().Be("arn:aws:lambda:eu-west-1:222222222222:function:erase:live");
    }
}
