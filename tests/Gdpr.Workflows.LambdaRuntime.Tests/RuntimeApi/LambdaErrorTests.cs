using Gdpr.Workflows.LambdaRuntime.RuntimeApi;

namespace Gdpr.Workflows.LambdaRuntime.Tests.RuntimeApi;

public class LambdaErrorTests
{
    [Fact]
    public void FromException_OrdinaryException_UsesTypeNameAndMessage()
    {
        var error = LambdaError.FromException(new TimeoutException("DynamoDB did not answer"));

        error.ErrorType.Should().Be("TimeoutException");
        error.ErrorMessage.Should().Be("DynamoDB did not answer");
    }

    [Fact]
    public void FromException_LambdaFunctionException_UsesChosenErrorType()
    {
        var error = LambdaError.FromException(new LambdaFunctionException("TransientError", "throttled"));

        error.ErrorType.Should().Be("TransientError");
        error.ErrorMessage.Should().Be("throttled");
    }

    [Fact]
    public void FromException_ThrownException_HasOneEntryPerStackFrame()
    {
        var error = LambdaError.FromException(CaptureThrown());

        error.StackTrace.Should().NotBeEmpty()
            .And.AllSatisfy(frame => frame.Should().StartWith("at ").And.NotContain("\n"));
    }

    [Fact]
    public void FromException_NeverThrownException_HasEmptyStackTrace()
    {
        LambdaError.FromException(new InvalidOperationException("x")).StackTrace.Should().BeEmpty();
    }

    private static InvalidOperationException CaptureThrown()
    {
        try
        {
            throw new InvalidOperationException("thrown");
        }
        catch (InvalidOperationException thrown)
        {
            return thrown;
        }
    }
}
