using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.LambdaRuntime;

namespace Gdpr.Workflows.Functions.Tests.Hosting;

public sealed class FunctionFailuresTests
{
    [Fact]
    public void Translate_DomainFailure_KeepsItsErrorTypeAndMessage()
    {
        var failure = FunctionFailures.Translate(new ConflictException("Request req-1 is closed."));

        failure.ErrorType.Should().Be("Erasure.Conflict");
        failure.Message.Should().Be("Request req-1 is closed.");
    }

    [Fact]
    public void Translate_NetworkFailure_IsTransient()
    {
        FunctionFailures.Translate(new HttpRequestException("connection refused")).ErrorType.Should().Be("Erasure.TransientError");
    }

    [Fact]
    public void Translate_UnexpectedException_ReportsItsTypeAndWithholdsItsMessage()
    {
        var failure = FunctionFailures.Translate(new InvalidOperationException("row alice@example.com missing"));

        failure.Should().BeOfType<UnexpectedFunctionException>();
        failure.ErrorType.Should().Be("InvalidOperationException");
        failure.Message.Should().NotContain("alice");
    }

    [Fact]
    public void Reclassify_UnexpectedFailureTheHostKnowsIsTemporary_BecomesTransient()
    {
        var unexpected = FunctionFailures.Translate(new FormatException("throttled"));

        FunctionFailures.Reclassify(unexpected, e => e is FormatException).ErrorType.Should().Be("Erasure.TransientError");
    }

    [Fact]
    public async Task GuardAsync_CancelledByTheDeadline_RethrowsTheCancellation()
    {
        using var deadline = new CancellationTokenSource();
        await deadline.CancelAsync();

        var act = () => FunctionFailures.GuardAsync<int>(() => throw new OperationCanceledException(deadline.Token), deadline.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task GuardAsync_DomainFailure_ThrowsLambdaFunctionException()
    {
        var act = () => FunctionFailures.GuardAsync<int>(() => throw new TransientErasureException("store busy"), CancellationToken.None);

        (await act.Should().ThrowAsync<LambdaFunctionException>()).Which.ErrorType.Should().Be("Erasure.TransientError");
    }
}
