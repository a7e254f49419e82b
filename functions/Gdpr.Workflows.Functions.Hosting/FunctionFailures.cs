using System.Net.Sockets;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.LambdaRuntime;

namespace Gdpr.Workflows.Functions.Hosting;

/// <summary>
/// Turns whatever a function's work throws into the error a caller may see. A failure's message becomes the Cause in
/// the execution history, so only messages written to be safe (the domain's <see cref="ErasureException"/>s) are kept;
/// any other exception is reported by its type name with its message withheld.
/// </summary>
public static class FunctionFailures
{
    /// <summary>Runs a function's work, rethrowing failures as <see cref="LambdaFunctionException"/>s (cancellation excepted).</summary>
    public static async Task<T> GuardAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            return await work();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // the deadline or a shutdown: the host reports it, not the function
        }
        catch (Exception failure) when (failure is not LambdaFunctionException)
        {
            throw Translate(failure);
        }
    }

    /// <summary>
    /// The <see cref="LambdaFunctionException"/> reporting <paramref name="failure"/>: a domain failure keeps its
    /// error type and message; a failure <paramref name="isTransient"/> (or <see cref="IsTransient"/>) recognises is
    /// <see cref="ErasureErrorTypes.TransientError"/>; anything else is an <see cref="UnexpectedFunctionException"/>.
    /// </summary>
    public static LambdaFunctionException Translate(Exception failure, Func<Exception, bool>? isTransient = null)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure switch
        {
            LambdaFunctionException reported => reported,
            ErasureException domain => new LambdaFunctionException(domain.ErrorType, domain.Message, domain),
            _ when IsTransient(failure) || isTransient?.Invoke(failure) == true => Transient(failure),
            _ => new UnexpectedFunctionException(failure),
        };
    }

    /// <summary>
    /// A host's second look at a failure: an <see cref="UnexpectedFunctionException"/> whose cause the host knows to be
    /// temporary (e.g. an AWS throttling error) becomes <see cref="ErasureErrorTypes.TransientError"/>.
    /// </summary>
    public static LambdaFunctionException Reclassify(LambdaFunctionException failure, Func<Exception, bool>? isTransient)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure is UnexpectedFunctionException { InnerException: { } cause } && isTransient?.Invoke(cause) == true
            ? Transient(cause)
            : failure;
    }

    /// <summary>Failures of the network or of a dependency's availability that a later attempt may not meet.</summary>
    public static bool IsTransient(Exception failure) => failure switch
    {
        TransientErasureException or HttpRequestException or SocketException or TimeoutException => true,
        // HttpClient's own timeout surfaces as TaskCanceledException wrapping a TimeoutException.
        TaskCanceledException { InnerException: TimeoutException } => true,
        _ => false,
    };

    /// <summary>An <see cref="ErasureErrorTypes.TransientError"/>, which the state machine retries with backoff.</summary>
    public static LambdaFunctionException Transient(Exception cause) => new(
        ErasureErrorTypes.TransientError,
        cause is TransientErasureException domain ? domain.Message : $"A dependency failed temporarily ({cause.GetType().Name}); try again.",
        cause);
}

/// <summary>
/// An exception no rule recognised: reported under its type name, with a message that only names the type, because
/// the original message may quote data (a connector's response, a store's key). The original is the inner exception.
/// </summary>
public sealed class UnexpectedFunctionException : LambdaFunctionException
{
    public UnexpectedFunctionException(Exception cause)
        : base(
            (cause ?? throw new ArgumentNullException(nameof(cause))).GetType().Name,
            $"The function failed with {cause.GetType().Name}; its message is withheld because it may quote personal data.",
            cause)
    {
    }
}
