using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.LambdaRuntime;

namespace Gdpr.Workflows.Functions.Hosting;

/// <summary>
/// The Lambda entry of every function project: <c>return await FunctionHost.RunAsync(ct => ..., isTransient);</c> in
/// Program.cs. Events and responses travel as <see cref="JsonNode"/>s (no reflection, Native AOT clean).
/// </summary>
public static class FunctionHost
{
    /// <summary>
    /// Builds the function once (clients, configuration; a failure goes to <c>init/error</c>), then serves invocations
    /// until the runtime stops. <paramref name="isTransient"/> recognises the adapters' temporary failures
    /// (throttling, 5xx) so they are reported as "Erasure.TransientError".
    /// </summary>
    /// <returns>A <see cref="LambdaExitCodes"/> value for <c>Main</c> to return.</returns>
    public static Task<int> RunAsync(
        Func<CancellationToken, Task<IJsonFunction>> initialize,
        Func<Exception, bool>? isTransient = null,
        LambdaBootstrapOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(initialize);
        return LambdaBootstrap.RunAsync(
            async ct => Handler(await initialize(ct), isTransient),
            options,
            cancellationToken);
    }

    /// <summary>The raw UTF-8 JSON handler that serves <paramref name="function"/>.</summary>
    public static Func<ReadOnlyMemory<byte>, LambdaContext, CancellationToken, Task<ReadOnlyMemory<byte>>> Handler(
        IJsonFunction function, Func<Exception, bool>? isTransient = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        return async (eventJson, _, cancellationToken) =>
        {
            // The runtime has checked the event is well-formed JSON before calling us.
            var payload = JsonNode.Parse(eventJson.Span.IsEmpty ? "null"u8 : eventJson.Span);
            JsonNode? response;
            try
            {
                response = await function.HandleAsync(payload, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (LambdaFunctionException reported)
            {
                throw FunctionFailures.Reclassify(reported, isTransient);
            }
            catch (Exception failure)
            {
                throw FunctionFailures.Translate(failure, isTransient);
            }

            return Serialize(response);
        };
    }

    /// <summary>UTF-8 JSON of <paramref name="node"/>; <c>null</c> for a null node.</summary>
    public static ReadOnlyMemory<byte> Serialize(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer);
            }
        }

        return buffer.WrittenMemory;
    }
}
