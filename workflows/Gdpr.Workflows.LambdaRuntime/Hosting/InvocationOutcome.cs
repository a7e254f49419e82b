using Gdpr.Workflows.LambdaRuntime.RuntimeApi;

namespace Gdpr.Workflows.LambdaRuntime.Hosting;

/// <summary>How one invocation ended: a response to post, or an error to post.</summary>
internal readonly record struct InvocationOutcome(ReadOnlyMemory<byte> Response, LambdaError? Error)
{
    public static InvocationOutcome Succeeded(ReadOnlyMemory<byte> response) => new(response, null);

    public static InvocationOutcome Failed(LambdaError error) => new(default, error);

    public static InvocationOutcome Failed(Exception exception) => Failed(LambdaError.FromException(exception));
}
