using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Gdpr.Workflows.LambdaRuntime.Hosting;

namespace Gdpr.Workflows.LambdaRuntime;

/// <summary>Adapters from typed handlers to the raw UTF-8 JSON handler the bootstrap runs.</summary>
public static class LambdaHandlers
{
    /// <summary>
    /// Wraps a typed handler: the event is deserialised with <paramref name="eventType"/> (an event that does not fit,
    /// or is JSON <c>null</c>, fails the invocation with <see cref="LambdaErrorTypes.InvalidEventJson"/>) and the result
    /// serialised with <paramref name="responseType"/>. Pass source-generated type infos to stay Native AOT clean.
    /// </summary>
    public static Func<ReadOnlyMemory<byte>, LambdaContext, CancellationToken, Task<ReadOnlyMemory<byte>>> FromJson<TIn, TOut>(
        Func<TIn, LambdaContext, CancellationToken, Task<TOut>> handler,
        JsonTypeInfo<TIn> eventType,
        JsonTypeInfo<TOut> responseType)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(eventType);
        ArgumentNullException.ThrowIfNull(responseType);

        return async (eventJson, context, cancellationToken) =>
        {
            var input = Deserialize(eventJson, eventType);
            var output = await handler(input, context, cancellationToken);
            return JsonSerializer.SerializeToUtf8Bytes(output, responseType);
        };
    }

    private static TIn Deserialize<TIn>(ReadOnlyMemory<byte> eventJson, JsonTypeInfo<TIn> eventType)
    {
        TIn? input;
        try
        {
            input = JsonSerializer.Deserialize(eventJson.Span, eventType);
        }
        catch (JsonException mismatch)
        {
            throw EventJson.Invalid($"The event does not fit {typeof(TIn).Name}", mismatch);
        }

        return input ?? throw EventJson.Invalid($"The event is JSON null, expected {typeof(TIn).Name}");
    }
}
