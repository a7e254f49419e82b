namespace Gdpr.Workflows.LambdaRuntime.Tests;

public class LambdaFunctionExceptionTests
{
    [Fact]
    public void Constructor_ErrorTypeGiven_KeepsErrorTypeMessageAndCause()
    {
        var cause = new TimeoutException();

        var exception = new LambdaFunctionException("TransientError", "throttled", cause);

        exception.ErrorType.Should().Be("TransientError");
        exception.Message.Should().Be("throttled");
        exception.InnerException.Should().BeSameAs(cause);
    }

    [Fact]
    public void Constructor_MessageOnly_UsesDefaultErrorType()
    {
        new LambdaFunctionException("failed").ErrorType.Should().Be(LambdaFunctionException.DefaultErrorType);
    }

    [Fact]
    public void Constructor_BlankErrorType_Throws()
    {
        var act = () => new LambdaFunctionException(" ", "failed", null);

        act.Should().Throw<ArgumentException>();
    }
}
