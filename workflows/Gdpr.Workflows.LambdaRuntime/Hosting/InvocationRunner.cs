using System.Globalization;
using Gdpr.Workflows.LambdaRuntime.RuntimeApi;

namespace Gdpr.Workflows.LambdaRuntime.Hosting;

/// <summary>Runs the handler for one invocation under its deadline and turns every way it can end into an outcome.</summary>
internal sealed class InvocationRunner(LambdaHandler handler, TimeProvider timeProvider)
{
    /// <summary>
    /// Never throws for handler failures; throws <see cref="OperationCanceledException"/> only when
    /// <paramref name="stoppingToken"/> stops the runtime mid-invocation.
    /// </summary>
    public async Task<InvocationOutcome> RunAsync(LambdaInvocation invocation, CancellationToken stoppingToken)
    {
        if (EventJson.Validate(invocation.Event.Span) is { } invalidEvent)
        {
            return InvocationOutcome.Failed(invalidEvent);
        }

        var started = timeProvider.GetTimestamp();
        using var context = new LambdaContext(invocation, timeProvider, stoppingToken);
        // Task.Run so that a handler blocking synchronously cannot keep the deadline from being reported.
        var work = Task.Run(() => handler(invocation.Event, context, context.CancellationToken), CancellationToken.None);
        try
        {
            return InvocationOutcome.Succeeded(await work.WaitAsync(context.CancellationToken));
        }
        catch (OperationCanceledException) when (context.IsDeadlineExceeded)
        {
            ObserveAbandoned(work);
            return InvocationOutcome.Failed(TimedOut(timeProvider.GetElapsedTime(started)));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            ObserveAbandoned(work);
            throw;
        }
#pragma warning disable CA1031 // Whatever the handler throws becomes the invocation's error; the loop must go on.
        catch (Exception handlerFailure)
#pragma warning restore CA1031
        {
            return InvocationOutcome.Failed(handlerFailure);
        }
    }

    private static LambdaError TimedOut(TimeSpan elapsed) => new(
        string.Create(CultureInfo.InvariantCulture, $"Task timed out after {elapsed.TotalSeconds:F2} seconds"),
        LambdaErrorTypes.TimedOut,
        []);

    // A handler that ignores its token keeps running after we report; its eventual failure must not go unobserved.
    private static void ObserveAbandoned(Task work) =>
        work.ContinueWith(
            static finished => _ = finished.Exception,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
}
