using System.Net;
using Gdpr.Workflows.LambdaRuntime.RuntimeApi;

namespace Gdpr.Workflows.LambdaRuntime.Hosting;

/// <summary>next → handler → response/error, until stopped or the Runtime API fails for good.</summary>
internal sealed class InvocationLoop(
    LambdaRuntimeClient client,
    InvocationRunner runner,
    IEnvironmentVariables environment,
    TimeProvider timeProvider,
    InvocationLog log)
{
    public async Task<int> RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            LambdaInvocation invocation;
            try
            {
                invocation = await client.GetNextInvocationAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return LambdaExitCodes.Stopped;
            }
#pragma warning disable CA1031 // Without a next event there is nothing to do; any status (even a 4xx) would only repeat.
            catch (Exception failure)
#pragma warning restore CA1031
            {
                log.RuntimeFailure("Runtime API failed", failure);
                return LambdaExitCodes.RuntimeApiFailed;
            }

            try
            {
                await ProcessAsync(invocation, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return LambdaExitCodes.Stopped;
            }
            catch (LambdaRuntimeApiException rejected) when (!rejected.IsFatal)
            {
                // The API refused one post (e.g. 400 for a stale request id); that invocation is lost, the environment is not.
                log.RuntimeFailure("Runtime API rejected a request", rejected);
            }
#pragma warning disable CA1031 // Any other failure talking to the Runtime API leaves nothing to do but exit non-zero.
            catch (Exception failure)
#pragma warning restore CA1031
            {
                log.RuntimeFailure("Runtime API failed", failure);
                return LambdaExitCodes.RuntimeApiFailed;
            }
        }

        return LambdaExitCodes.Stopped;
    }

    private async Task ProcessAsync(LambdaInvocation invocation, CancellationToken stoppingToken)
    {
        var started = timeProvider.GetTimestamp();
        // Set per invocation (and cleared when absent) so a trace id never leaks into the next invocation.
        environment.Set(LambdaBootstrap.TraceIdVariable, invocation.TraceId);

        var outcome = await runner.RunAsync(invocation, stoppingToken);
        // Logged before posting, so the line exists by the time anyone observes the result.
        log.Invocation(invocation.RequestId, outcome.Error?.ErrorType, timeProvider.GetElapsedTime(started));

        if (outcome.Error is { } error)
        {
            await client.PostInvocationErrorAsync(invocation.RequestId, error, stoppingToken);
            return;
        }

        try
        {
            await client.PostResponseAsync(invocation.RequestId, outcome.Response, stoppingToken);
        }
        catch (LambdaRuntimeApiException tooLarge) when (tooLarge.StatusCode == HttpStatusCode.RequestEntityTooLarge)
        {
            log.Invocation(invocation.RequestId, LambdaErrorTypes.ResponseTooLarge, timeProvider.GetElapsedTime(started));
            var tooLargeError = new LambdaError(
                $"The Runtime API refused the response of {outcome.Response.Length} bytes as too large.",
                LambdaErrorTypes.ResponseTooLarge,
                []);
            await client.PostInvocationErrorAsync(invocation.RequestId, tooLargeError, stoppingToken);
        }
    }
}
