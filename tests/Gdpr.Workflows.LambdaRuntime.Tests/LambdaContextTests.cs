using Gdpr.Workflows.LambdaRuntime.RuntimeApi;
using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.LambdaRuntime.Tests;

public class LambdaContextTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Properties_Invocation_ExposeItsHeaders()
    {
        var invocation = new LambdaInvocation("req-1", _time.GetUtcNow().AddSeconds(30), "arn:fn", "Root=1-a", "ctx", "cognito", default);

        using var context = new LambdaContext(invocation, _time);

        context.RequestId.Should().Be("req-1");
        context.Deadline.Should().Be(_time.GetUtcNow().AddSeconds(30));
        context.InvokedFunctionArn.Should().Be("arn:fn");
        context.TraceId.Should().Be("Root=1-a");
        context.ClientContext.Should().Be("ctx");
        context.CognitoIdentity.Should().Be("cognito");
    }

    [Fact]
    public void RemainingTime_ClockMoves_FollowsTimeProvider()
    {
        using var context = new LambdaContext(Invocation(TimeSpan.FromSeconds(30)), _time);

        _time.Advance(TimeSpan.FromSeconds(12));

        context.RemainingTime.Should().Be(TimeSpan.FromSeconds(18));
    }

    [Fact]
    public void RemainingTime_PastDeadline_IsZero()
    {
        using var context = new LambdaContext(Invocation(TimeSpan.FromSeconds(3)), _time);

        _time.Advance(TimeSpan.FromSeconds(5));

        context.RemainingTime.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void CancellationToken_ReachesDeadline_FiresThenAndNotBefore()
    {
        using var context = new LambdaContext(Invocation(TimeSpan.FromSeconds(3)), _time);

        _time.Advance(TimeSpan.FromMilliseconds(2999));
        var beforeDeadline = context.CancellationToken.IsCancellationRequested;
        _time.Advance(TimeSpan.FromMilliseconds(1));

        beforeDeadline.Should().BeFalse();
        context.CancellationToken.IsCancellationRequested.Should().BeTrue();
        context.IsDeadlineExceeded.Should().BeTrue();
    }

    [Fact]
    public void CancellationToken_DeadlineAlreadyPassed_FiresImmediately()
    {
        using var context = new LambdaContext(Invocation(TimeSpan.FromSeconds(-1)), _time);

        context.CancellationToken.IsCancellationRequested.Should().BeTrue();
        context.IsDeadlineExceeded.Should().BeTrue();
    }

    [Fact]
    public void CancellationToken_RuntimeStops_FiresWithoutDeadlineExceeded()
    {
        using var stopping = new CancellationTokenSource();
        using var context = new LambdaContext(Invocation(TimeSpan.FromSeconds(30)), _time, stopping.Token);

        stopping.Cancel();

        context.CancellationToken.IsCancellationRequested.Should().BeTrue();
        context.IsDeadlineExceeded.Should().BeFalse();
    }

    [Fact]
    public void Constructor_DeadlineYearsAway_DoesNotFire()
    {
        using var context = new LambdaContext(Invocation(TimeSpan.FromDays(3650)), _time);

        _time.Advance(TimeSpan.FromDays(100));

        context.CancellationToken.IsCancellationRequested.Should().BeFalse();
    }

    private LambdaInvocation Invocation(TimeSpan timeout) =>
        new("req-1", _time.GetUtcNow() + timeout, null, null, null, null, default);
}
