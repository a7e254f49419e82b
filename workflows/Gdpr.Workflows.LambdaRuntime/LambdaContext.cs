using Gdpr.Workflows.LambdaRuntime.RuntimeApi;

namespace Gdpr.Workflows.LambdaRuntime;

/// <summary>
/// What a handler knows about its invocation. Owns the invocation's cancellation: <see cref="CancellationToken"/>
/// fires at the deadline (measured by the given <see cref="TimeProvider"/>) or when the runtime stops.
/// </summary>
public sealed class LambdaContext : IDisposable
{
    // CancellationTokenSource timers accept at most uint.MaxValue - 1 milliseconds (about 49 days).
    private static readonly TimeSpan LongestTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly LambdaInvocation _invocation;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _deadline;
    private readonly CancellationTokenSource _deadlineOrStopping;

    public LambdaContext(LambdaInvocation invocation, TimeProvider timeProvider, CancellationToken stoppingToken = default)
    {
        _invocation = invocation;
        _timeProvider = timeProvider;
        var remaining = RemainingTime;
        _deadline = remaining < LongestTimer ? new CancellationTokenSource(remaining, timeProvider) : new CancellationTokenSource();
        _deadlineOrStopping = CancellationTokenSource.CreateLinkedTokenSource(_deadline.Token, stoppingToken);
        // Kept so a handler still holding the context after Dispose reads the token instead of an ObjectDisposedException.
        CancellationToken = _deadlineOrStopping.Token;
    }

    public string RequestId => _invocation.RequestId;

    public DateTimeOffset Deadline => _invocation.Deadline;

    /// <summary>Time left until <see cref="Deadline"/>; zero once it has passed.</summary>
    public TimeSpan RemainingTime
    {
        get
        {
            var remaining = Deadline - _timeProvider.GetUtcNow();
            return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
        }
    }

    public string? InvokedFunctionArn => _invocation.InvokedFunctionArn;

    /// <summary>The X-Ray tracing header of this invocation (also exported as <c>_X_AMZN_TRACE_ID</c>).</summary>
    public string? TraceId => _invocation.TraceId;

    public string? ClientContext => _invocation.ClientContext;

    public string? CognitoIdentity => _invocation.CognitoIdentity;

    /// <summary>Fires at the deadline or when the runtime is stopping; the same token the handler receives.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>True once the deadline timer has fired.</summary>
    public bool IsDeadlineExceeded => _deadline.IsCancellationRequested;

    public void Dispose()
    {
        _deadlineOrStopping.Dispose();
        _deadline.Dispose();
    }
}
