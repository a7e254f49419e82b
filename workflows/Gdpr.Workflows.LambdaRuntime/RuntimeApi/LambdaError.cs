using System.Text.Json.Serialization;

namespace Gdpr.Workflows.LambdaRuntime.RuntimeApi;

/// <summary>The error document the Runtime API accepts on <c>invocation/{id}/error</c> and <c>init/error</c>.</summary>
/// <param name="ErrorMessage">Human readable message; Step Functions shows it as the error's Cause.</param>
/// <param name="ErrorType">Error name; Step Functions Retry and Catch match on it.</param>
/// <param name="StackTrace">Stack frames, one per entry; may be empty.</param>
public sealed record LambdaError(
    [property: JsonPropertyName("errorMessage")] string ErrorMessage,
    [property: JsonPropertyName("errorType")] string ErrorType,
    [property: JsonPropertyName("stackTrace")] IReadOnlyList<string> StackTrace)
{
    /// <summary>
    /// Describes <paramref name="exception"/>: its type name as errorType, unless it is a
    /// <see cref="LambdaFunctionException"/>, which names its own errorType.
    /// </summary>
    public static LambdaError FromException(Exception exception)
    {
        var errorType = exception is LambdaFunctionException chosen ? chosen.ErrorType : exception.GetType().Name;
        return new LambdaError(exception.Message, errorType, SplitStackTrace(exception.StackTrace));
    }

    private static string[] SplitStackTrace(string? stackTrace) =>
        stackTrace is null
            ? []
            : stackTrace.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
