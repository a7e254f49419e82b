namespace Gdpr.Workflows.LambdaRuntime;

/// <summary>
/// Thrown by a handler to fail the invocation with an error name of its choosing (e.g. "TransientError"),
/// which Step Functions Retry/Catch match on. Any other exception is reported under its type name.
/// </summary>
public class LambdaFunctionException : Exception
{
    /// <summary>The error name used when none is given.</summary>
    public const string DefaultErrorType = "FunctionError";

    public LambdaFunctionException()
        : this(DefaultErrorType, "The function failed.")
    {
    }

    public LambdaFunctionException(string message)
        : this(DefaultErrorType, message)
    {
    }

    public LambdaFunctionException(string message, Exception innerException)
        : this(DefaultErrorType, message, innerException)
    {
    }

    public LambdaFunctionException(string errorType, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(errorType);
        ErrorType = errorType;
    }

    /// <summary>The errorType reported to the Runtime API.</summary>
    public string ErrorType { get; }
}
