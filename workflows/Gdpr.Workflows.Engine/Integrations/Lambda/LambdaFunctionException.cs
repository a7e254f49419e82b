namespace Gdpr.Workflows.Engine.Integrations.Lambda;

/// <summary>
/// Thrown by an in-process handler to fail the way a Lambda function does, with the error type of its choice:
/// the Task state sees <see cref="ErrorType"/> as its error name (Retry/Catch match it). Any other exception a
/// handler throws is reported with its class name as the error type.
/// </summary>
public class LambdaFunctionException(string errorType, string errorMessage, IReadOnlyList<string>? stackTrace = null)
    : Exception(errorMessage)
{
    public string ErrorType { get; } = errorType;

    public string ErrorMessage { get; } = errorMessage;

    /// <summary>The <c>stackTrace</c> lines the error reports; null for this exception's own .NET stack trace.</summary>
    public IReadOnlyList<string>? ReportedStackTrace { get; } = stackTrace;
}
