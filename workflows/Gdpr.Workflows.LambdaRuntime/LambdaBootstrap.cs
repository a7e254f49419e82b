using System.Text.Json.Serialization.Metadata;
using Gdpr.Workflows.LambdaRuntime.Hosting;
using Gdpr.Workflows.LambdaRuntime.RuntimeApi;

namespace Gdpr.Workflows.LambdaRuntime;

/// <summary>
/// The custom-runtime entry point for <c>provided.al2023</c>: <c>static Task&lt;int&gt; Main() =&gt; LambdaBootstrap.RunAsync(...)</c>.
/// Runs init once, then serves invocations from the Runtime API until cancelled; returns a <see cref="LambdaExitCodes"/> value.
/// </summary>
/// <remarks>
/// A handler exception fails only its invocation (errorType = the exception's type name, or
/// <see cref="LambdaFunctionException.ErrorType"/>). Malformed event JSON fails with
/// <see cref="LambdaErrorTypes.InvalidEventJson"/> before the handler runs. At the deadline the handler's token is
/// cancelled and <see cref="LambdaErrorTypes.TimedOut"/> is reported even if the handler never returns.
/// An init exception is posted to <c>init/error</c> and ends the run with <see cref="LambdaExitCodes.InitializationFailed"/>.
/// </remarks>
public static class LambdaBootstrap
{
    /// <summary>Holds the Runtime API's <c>host:port</c>.</summary>
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";

    /// <summary>Set to the invocation's X-Ray trace header for the duration of each invocation.</summary>
    public const string TraceIdVariable = "_X_AMZN_TRACE_ID";

    /// <summary>Serves <paramref name="handler"/>, which receives the event's UTF-8 JSON and returns the response's.</summary>
    public static Task<int> RunAsync(
        Func<ReadOnlyMemory<byte>, LambdaContext, CancellationToken, Task<ReadOnlyMemory<byte>>> handler,
        LambdaBootstrapOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return RunAsync(_ => Task.FromResult(handler), options, cancellationToken);
    }

    /// <summary>Serves a typed handler; see <see cref="LambdaHandlers.FromJson"/>.</summary>
    public static Task<int> RunAsync<TIn, TOut>(
        Func<TIn, LambdaContext, CancellationToken, Task<TOut>> handler,
        JsonTypeInfo<TIn> eventType,
        JsonTypeInfo<TOut> responseType,
        LambdaBootstrapOptions? options = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(LambdaHandlers.FromJson(handler, eventType, responseType), options, cancellationToken);

    /// <summary>
    /// Runs <paramref name="initialize"/> once (build clients, read configuration), reporting a failure to
    /// <c>init/error</c>, then serves the handler it returns.
    /// </summary>
    public static async Task<int> RunAsync(
        Func<CancellationToken, Task<Func<ReadOnlyMemory<byte>, LambdaContext, CancellationToken, Task<ReadOnlyMemory<byte>>>>> initialize,
        LambdaBootstrapOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(initialize);
        options ??= new LambdaBootstrapOptions();
        var log = new InvocationLog(options.Log ?? Console.Error);

        var runtimeApi = options.Environment.Get(RuntimeApiVariable);
        if (string.IsNullOrWhiteSpace(runtimeApi))
        {
            log.RuntimeFailure($"{RuntimeApiVariable} is not set; not running inside Lambda?");
            return LambdaExitCodes.RuntimeApiFailed;
        }

        using var client = new LambdaRuntimeClient(runtimeApi, options.HttpMessageHandler);
        LambdaHandler handler;
        try
        {
            handler = await initialize(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return LambdaExitCodes.Stopped;
        }
#pragma warning disable CA1031 // Every init failure is reported to init/error; the process then exits non-zero.
        catch (Exception initFailure)
#pragma warning restore CA1031
        {
            log.RuntimeFailure("Initialization failed", initFailure);
            await ReportInitErrorAsync(client, initFailure, log, cancellationToken);
            return LambdaExitCodes.InitializationFailed;
        }

        var runner = new InvocationRunner(handler, options.TimeProvider);
        var loop = new InvocationLoop(client, runner, options.Environment, options.TimeProvider, log);
        return await loop.RunAsync(cancellationToken);
    }

    /// <summary>Typed form of the init overload; see <see cref="LambdaHandlers.FromJson"/>.</summary>
    public static Task<int> RunAsync<TIn, TOut>(
        Func<CancellationToken, Task<Func<TIn, LambdaContext, CancellationToken, Task<TOut>>>> initialize,
        JsonTypeInfo<TIn> eventType,
        JsonTypeInfo<TOut> responseType,
        LambdaBootstrapOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(initialize);
        return RunAsync(
            async ct => LambdaHandlers.FromJson(await initialize(ct), eventType, responseType),
            options,
            cancellationToken);
    }

    private static async Task ReportInitErrorAsync(
        LambdaRuntimeClient client, Exception initFailure, InvocationLog log, CancellationToken cancellationToken)
    {
        try
        {
            await client.PostInitErrorAsync(LambdaError.FromException(initFailure), cancellationToken);
        }
#pragma warning disable CA1031 // Exiting non-zero is what matters; a failed report is only logged.
        catch (Exception reportFailure)
#pragma warning restore CA1031
        {
            log.RuntimeFailure("Reporting the init error failed", reportFailure);
        }
    }
}
