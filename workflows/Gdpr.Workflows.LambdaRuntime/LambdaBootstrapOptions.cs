namespace Gdpr.Workflows.LambdaRuntime;

/// <summary>Seams of <see cref="LambdaBootstrap"/>; the defaults are what a deployed function uses.</summary>
public sealed class LambdaBootstrapOptions
{
    /// <summary>Where AWS_LAMBDA_RUNTIME_API is read and _X_AMZN_TRACE_ID is written.</summary>
    public IEnvironmentVariables Environment { get; init; } = ProcessEnvironmentVariables.Instance;

    /// <summary>Clock for deadlines, remaining time and logged durations.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Transport to the Runtime API; null for the default proxy-free socket handler.</summary>
    public HttpMessageHandler? HttpMessageHandler { get; init; }

    /// <summary>Where the one-line-per-invocation log goes; null for standard error.</summary>
    public TextWriter? Log { get; init; }
}
