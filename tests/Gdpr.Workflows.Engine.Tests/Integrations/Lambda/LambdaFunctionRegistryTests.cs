using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Integrations;
using Gdpr.Workflows.Engine.Integrations.Lambda;

namespace Gdpr.Workflows.Engine.Tests.Integrations.Lambda;

public class LambdaFunctionRegistryTests
{
    private readonly LambdaFunctionRegistry registry = new("us-east-1", "111111111111");

    [Theory]
    [InlineData("erase")]
    [InlineData("erase:$LATEST")]
    [InlineData("111111111111:function:erase")]
    [InlineData("arn:aws:lambda:us-east-1:111111111111:function:erase")]
    [InlineData("arn:aws:lambda:eu-west-1:999999999999:function:erase")]
    public void Resolve_PlainNameRegistration_ServesEveryReferenceToThatName(string reference)
    {
        registry.Register("erase", Returning("plain"));

        registry.TryResolve(reference, out var function).Should().BeTrue();

        function!.FunctionName.Should().Be("erase");
        function.ExecutedVersion.Should().Be("$LATEST");
    }

    [Fact]
    public void Resolve_FullArnRegistration_DoesNotServeAnotherRegion()
    {
        registry.Register("arn:aws:lambda:eu-west-1:111111111111:function:erase", Returning("eu"));

        registry.TryResolve("arn:aws:lambda:us-east-1:111111111111:function:erase", out _).Should().BeFalse();
        registry.TryResolve("arn:aws:lambda:eu-west-1:111111111111:function:erase", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Resolve_PlainAndFullArnRegistrations_MostSpecificWins()
    {
        registry.Register("erase", Returning("plain"));
        registry.Register("arn:aws:lambda:eu-west-1:111111111111:function:erase", Returning("eu"));

        var eu = registry.Resolve("arn:aws:lambda:eu-west-1:111111111111:function:erase");
        var other = registry.Resolve("arn:aws:lambda:us-west-2:111111111111:function:erase");

        (await Call(eu)).Should().Be("eu");
        (await Call(other)).Should().Be("plain");
    }

    [Fact]
    public void Resolve_AliasNotRegistered_IsNotFoundEvenWhenTheNameIs()
    {
        registry.Register("erase", Returning("plain"));

        var resolve = () => registry.Resolve("erase:live");

        resolve.Should().Throw<LambdaFunctionNotFoundException>()
            .Which.FunctionArn.Should().Be("arn:aws:lambda:us-east-1:111111111111:function:erase:live");
    }

    [Fact]
    public void Resolve_NumericVersion_ReportsItAsExecutedVersion()
    {
        registry.Register("erase:7", Returning("v7"));

        var function = registry.Resolve("erase:7");

        function.ExecutedVersion.Should().Be("7");
        function.InvokedFunctionArn.Should().Be("arn:aws:lambda:us-east-1:111111111111:function:erase:7");
    }

    [Fact]
    public void Resolve_UnknownFunction_ThrowsLambdasResourceNotFoundWithTheQualifiedArn()
    {
        var resolve = () => registry.Resolve("nothing");

        var failure = resolve.Should().Throw<LambdaFunctionNotFoundException>().Which;
        failure.Should().BeAssignableTo<TaskFailedException>();
        failure.Error.Should().Be("Lambda.ResourceNotFoundException");
        failure.Cause.Should().MatchRegex(
            @"^Function not found: arn:aws:lambda:us-east-1:111111111111:function:nothing:\$LATEST \(Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: [0-9a-f-]{36}; Proxy: null\)$");
    }

    [Fact]
    public async Task Register_SameFunctionAgain_ReplacesTheHandler()
    {
        registry.Register("erase", Returning("first"));
        registry.Register("erase", Returning("second"));

        (await Call(registry.Resolve("erase"))).Should().Be("second");
    }

    [Fact]
    public void Register_NoFunctionReference_Throws()
    {
        var register = () => registry.Register("a:b:c:d:e", Returning("x"));

        register.Should().Throw<ArgumentException>();
    }

    private static Func<JsonNode?, LambdaInvocationContext, CancellationToken, Task<JsonNode?>> Returning(string value) =>
        (_, _, _) => Task.FromResult<JsonNode?>(JsonValue.Create(value));

    private static async Task<string?> Call(LambdaFunctionBinding function)
    {
        var context = new LambdaInvocationContext(function.FunctionName, function.InvokedFunctionArn, "$LATEST", "r", "e", "s", 0, "k", null);
        var result = await function.Handler(null, context, CancellationToken.None);
        return result?.GetValue<string>();
    }
}
