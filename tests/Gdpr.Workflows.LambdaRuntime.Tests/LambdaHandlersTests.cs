using System.Text;
using Gdpr.Workflows.LambdaRuntime.RuntimeApi;
using Gdpr.Workflows.LambdaRuntime.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.LambdaRuntime.Tests;

public class LambdaHandlersTests
{
    private static readonly Func<ReadOnlyMemory<byte>, LambdaContext, CancellationToken, Task<ReadOnlyMemory<byte>>> Greeter =
        LambdaHandlers.FromJson(
            (Greeting greeting, LambdaContext _, CancellationToken _) => Task.FromResult(new GreetingReply($"Hello {greeting.Name}")),
            TestJsonContext.Default.Greeting,
            TestJsonContext.Default.GreetingReply);

    [Fact]
    public async Task FromJson_EventFits_DeserialisesEventAndSerialisesResult()
    {
        var response = await InvokeAsync("""{"name":"Ada"}""");

        Encoding.UTF8.GetString(response.Span).Should().Be("""{"message":"Hello Ada"}""");
    }

    [Fact]
    public async Task FromJson_EventOfWrongShape_ThrowsInvalidEventJsonWithoutEchoingContent()
    {
        var act = () => InvokeAsync("""{"name":["alice@example.com"]}""");

        var thrown = (await act.Should().ThrowAsync<LambdaFunctionException>()).Which;
        thrown.ErrorType.Should().Be(LambdaErrorTypes.InvalidEventJson);
        thrown.Message.Should().Contain("$.name").And.NotContain("alice");
    }

    [Fact]
    public async Task FromJson_EventIsJsonNull_ThrowsInvalidEventJson()
    {
        var act = () => InvokeAsync("null");

        (await act.Should().ThrowAsync<LambdaFunctionException>()).Which.ErrorType.Should().Be(LambdaErrorTypes.InvalidEventJson);
    }

    private static async Task<ReadOnlyMemory<byte>> InvokeAsync(string eventJson)
    {
        var time = new FakeTimeProvider();
        var invocation = new LambdaInvocation("req-1", time.GetUtcNow().AddMinutes(1), null, null, null, null, Encoding.UTF8.GetBytes(eventJson));
        using var context = new LambdaContext(invocation, time);
        return await Greeter(invocation.Event, context, context.CancellationToken);
    }
}
