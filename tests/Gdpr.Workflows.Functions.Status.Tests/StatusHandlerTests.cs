using System.Text.Json.Nodes;
using Gdpr.Workflows.Functions.Status.HttpApi;
using Gdpr.Workflows.LambdaRuntime;
using Gdpr.Workflows.LambdaRuntime.RuntimeApi;
using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.Functions.Status.Tests;

public sealed class StatusHandlerTests
{
    [Fact]
    public async Task HandleAsync_AnyRequestId_AnswersJson404NamingIt()
    {
        var response = await HandleAsync(new HttpApiRequest { PathParameters = new Dictionary<string, string> { ["requestId"] = "req-1" } });

        response.StatusCode.Should().Be(404);
        response.Headers.Should().Contain("content-type", "application/json");
        JsonNode.DeepEquals(JsonNode.Parse(response.Body), JsonNode.Parse("""{"error":"not found","requestId":"req-1"}""")).Should().BeTrue(response.Body);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public async Task HandleAsync_MissingOrBlankRequestId_Answers400(string? requestId)
    {
        var parameters = requestId is null ? null : new Dictionary<string, string> { ["requestId"] = requestId };

        var response = await HandleAsync(new HttpApiRequest { PathParameters = parameters });

        response.StatusCode.Should().Be(400);
        JsonNode.Parse(response.Body)!["error"]!.GetValue<string>().Should().Be("missing requestId");
    }

    private static async Task<HttpApiResponse> HandleAsync(HttpApiRequest request)
    {
        var invocation = new LambdaInvocation("inv-1", DateTimeOffset.UnixEpoch.AddMinutes(1), null, null, null, null, "{}"u8.ToArray());
        using var context = new LambdaContext(invocation, new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        return await StatusHandler.HandleAsync(request, context, CancellationToken.None);
    }
}
