namespace Gdpr.Workflows.LambdaRuntime;

/// <summary>Process exit codes returned by <see cref="LambdaBootstrap"/>, meant to be returned from <c>Main</c>.</summary>
public static class LambdaExitCodes
{
    /// <summary>The loop was cancelled (shutdown).</summary>
    public const int Stopped = 0;

    /// <summary>Initialisation threw; the error was reported to <c>init/error</c>.</summary>
    public const int InitializationFailed = 1;

    /// <summary>The Runtime API is not configured, unreachable, or reported a non-recoverable error.</summary>
    public const int RuntimeApiFailed = 2;
}
