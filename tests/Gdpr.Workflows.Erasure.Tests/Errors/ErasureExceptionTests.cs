using Gdpr.Workflows.Erasure.Errors;

namespace Gdpr.Workflows.Erasure.Tests.Errors;

public class ErasureExceptionTests
{
    public static TheoryData<ErasureException, string, int> Errors() => new()
    {
        { new InvalidInputException("x"), "Erasure.InvalidInput", 2 },
        { new NotFoundException("x"), "Erasure.NotFound", 3 },
        { new ConflictException("x"), "Erasure.Conflict", 4 },
        { new TransientErasureException("x"), "Erasure.TransientError", 1 },
        { new ErasureException(ErasureErrorKind.Failed, ErasureErrorTypes.ConnectorFailed, "x"), "Erasure.ConnectorFailed", 1 },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Kind_EachError_ErrorTypeAndExitCode(ErasureException error, string errorType, int exitCode)
    {
        error.ErrorType.Should().Be(errorType);
        error.ExitCode.Should().Be(exitCode);
    }

    [Fact]
    public void NotFoundRequest_Id_NamesIt()
    {
        NotFoundException.Request("req-1").Message.Should().Be("There is no erasure request req-1.");
    }
}
