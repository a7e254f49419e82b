namespace Gdpr.Workflows.LambdaRuntime;

/// <summary>The errorType values the runtime itself reports (handlers report their own via <see cref="LambdaFunctionException"/>).</summary>
public static class LambdaErrorTypes
{
    /// <summary>The event was not well-formed JSON, or did not fit the handler's event type.</summary>
    public const string InvalidEventJson = "InvalidEventJson";

    /// <summary>The invocation reached its deadline; the same name Lambda itself uses for timeouts.</summary>
    public const string TimedOut = "Sandbox.Timedout";

    /// <summary>The Runtime API refused the response as too large (HTTP 413).</summary>
    public const string ResponseTooLarge = "Function.ResponseSizeTooLarge";
}
