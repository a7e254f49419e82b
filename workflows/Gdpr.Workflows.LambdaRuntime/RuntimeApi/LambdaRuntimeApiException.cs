using System.Net;

namespace Gdpr.Workflows.LambdaRuntime.RuntimeApi;

/// <summary>The Runtime API answered with an unexpected status, or broke its protocol (e.g. a missing request id).</summary>
public sealed class LambdaRuntimeApiException : Exception
{
    public LambdaRuntimeApiException()
    {
    }

    public LambdaRuntimeApiException(string message)
        : base(message)
    {
    }

    public LambdaRuntimeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LambdaRuntimeApiException(string message, HttpStatusCode statusCode)
        : base(message) => StatusCode = statusCode;

    /// <summary>The HTTP status, when the failure was an unexpected status code.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>
    /// True when the Runtime API says the execution environment is unusable (HTTP 500, "container error"),
    /// or the answer made no sense; the runtime should then exit.
    /// </summary>
    public bool IsFatal => StatusCode is null or >= HttpStatusCode.InternalServerError;
}
