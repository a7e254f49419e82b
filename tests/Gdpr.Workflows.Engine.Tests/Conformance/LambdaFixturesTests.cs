using System.Text.Json.Nodes;
using Gdpr.Workflows.Conformance.Core;
using Gdpr.Workflows.Engine.Integrations.Lambda;

namespace Gdpr.Workflows.Engine.Tests.Conformance;

public class LambdaFixturesTests
{
    private static readonly LambdaInvocationContext Context = new("fn", "arn:aws:lambda:us-east-1:111111111111:function:fn", "$LATEST", "r", "e", "s", 0, "k", null);

    [Fact]
    public async Task IdFunction_ReturnsItsEvent()
    {
        var result = await Run("templates/services/lambdafunctions/id_function.py", new JsonObject { ["a"] = 1 });

        result!.ToJsonString().Should().Be("""{"a":1}""");
    }

    [Fact]
    public async Task RaiseException_FailsAsPythonsException()
    {
        var failure = await FluentActions.Awaiting(() => Run("x/raise_exception.py", null)).Should().ThrowAsync<LambdaFunctionException>();

        failure.Which.ErrorType.Should().Be("Exception");
        failure.Which.ErrorMessage.Should().Be("Some exception was raised.");
        failure.Which.ReportedStackTrace.Should().Equal(LambdaFixtures.PythonExceptionTrace);
    }

    [Fact]
    public async Task RaiseCustomException_FailsWithAnEmptyMessage()
    {
        var failure = await FluentActions.Awaiting(() => Run("x/raise_custom_exception.py", null)).Should().ThrowAsync<LambdaFunctionException>();

        failure.Which.ErrorType.Should().Be("CustomException");
        failure.Which.ErrorMessage.Should().BeEmpty();
    }

    [Fact]
    public async Task LargeOutputString_ReturnsMoreThanTheResultLimit()
    {
        var result = await Run("x/large_output_string.py", null);

        result!.GetValue<string>().Length.Should().Be(257 * 1024).And.BeGreaterThan(LambdaIntegration.MaxResultBytes);
    }

    [Fact]
    public async Task Wait60Seconds_SleepsSixtyVirtualSecondsThenEchoes()
    {
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var time = new AutoAdvancingTimeProvider(start);

        var result = await LambdaFixtures.For("x/wait_60_seconds.py", time)(JsonValue.Create(5), Context, CancellationToken.None);

        result!.GetValue<int>().Should().Be(5);
        time.GetUtcNow().Should().Be(start.AddSeconds(60));
    }

    [Fact]
    public async Task ReturnBytesStr_ReturnsTheJsonStringHelloWorld()
    {
        (await Run("x/return_bytes_str.py", null))!.GetValue<string>().Should().Be("HelloWorld!");
    }

    [Fact]
    public async Task EchoFunction_ReturnsTheFixedObject()
    {
        (await Run("x/echo_function.py", new JsonObject()))!.ToJsonString().Should().Be("""{"Return":"HelloWorld"}""");
    }

    [Fact]
    public async Task ReturnDecoratedInput_PrefixesPythonsRenderingOfTheEvent()
    {
        var input = JsonNode.Parse("""{"s":"it's","n":[1,2.5,1.0,null,true,false],"o":{}}""");

        var result = await Run("x/return_decorated_input.py", input);

        result!.GetValue<string>().Should().Be("input-event-{'s': \"it's\", 'n': [1, 2.5, 1.0, None, True, False], 'o': {}}");
    }

    [Fact]
    public void For_UnknownHandler_Throws()
    {
        var create = () => LambdaFixtures.For("x/unknown.py", TimeProvider.System);

        create.Should().Throw<ArgumentException>();
        LambdaFixtures.IsKnown("x/unknown.py").Should().BeFalse();
    }

    private static Task<JsonNode?> Run(string handlerFile, JsonNode? payload) =>
        LambdaFixtures.For(handlerFile, TimeProvider.System)(payload, Context, CancellationToken.None);
}
