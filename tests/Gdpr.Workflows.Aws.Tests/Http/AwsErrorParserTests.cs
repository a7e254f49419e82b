using System.Net;
using System.Text;
using Gdpr.Workflows.Aws.Http;

namespace Gdpr.Workflows.Aws.Tests.Http;

public sealed class AwsErrorParserTests
{
    [Theory]
    [InlineData("com.amazonaws.swf.service.v2.model#TaskTimedOut", "TaskTimedOut")]
    [InlineData("InvalidToken:http://internal.amazon.com/coral/com.amazonaws.swf.service.v2.model/", "InvalidToken")]
    [InlineData("aws.protocoltests#ThrottlingException:http://x", "ThrottlingException")]
    [InlineData(" ", null)]
    public void ShortCode_AwsSpellings_ReturnsBareCode(string code, string? expected) =>
        AwsErrorParser.ShortCode(code).Should().Be(expected);

    [Fact]
    public void Parse_JsonBodyAndHeader_BodyWins()
    {
        var error = AwsErrorParser.Parse(
            HttpStatusCode.BadRequest, "Other:http://x", "req-9", Encoding.UTF8.GetBytes("""{"__type":"InvalidArn","Message":"bad arn"}"""));

        error.Should().BeEquivalentTo(new { ErrorCode = "InvalidArn", AwsMessage = "bad arn", StatusCode = HttpStatusCode.BadRequest, RequestId = "req-9" });
    }

    [Fact]
    public void Parse_MalformedJson_FallsBackToHeader()
    {
        var error = AwsErrorParser.Parse(HttpStatusCode.BadRequest, "ValidationException", null, Encoding.UTF8.GetBytes("{not json"));

        error.ErrorCode.Should().Be("ValidationException");
        error.AwsMessage.Should().Contain("400");
    }

    [Fact]
    public void Parse_Throttled_IsTransient()
    {
        var error = AwsErrorParser.Parse(HttpStatusCode.BadRequest, null, null, Encoding.UTF8.GetBytes("""{"__type":"ThrottlingException","message":"Rate exceeded"}"""));

        error.IsTransient.Should().BeTrue();
    }
}
