using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Functions.Hosting;

/// <summary>
/// A function of template.yaml: takes the event the caller sends (a state machine's Payload, an HTTP API event, a
/// schedule) and returns the response. Hosted by <see cref="FunctionHost"/> on Lambda and by the local engine.
/// </summary>
public interface IJsonFunction
{
    /// <exception cref="Gdpr.Workflows.LambdaRuntime.LambdaFunctionException">The invocation failed with a contract error type (e.g. "Erasure.TransientError").</exception>
    Task<JsonNode?> HandleAsync(JsonNode? payload, CancellationToken cancellationToken);
}
