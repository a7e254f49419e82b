using System.Globalization;
using System.Text.Json;

namespace Gdpr.Workflows.LambdaRuntime.Hosting;

/// <summary>Checks and describes event JSON without ever echoing its content (events may hold personal data).</summary>
internal static class EventJson
{
    /// <summary>Null when <paramref name="eventJson"/> is one well-formed JSON value, else the failure to report.</summary>
    public static LambdaFunctionException? Validate(ReadOnlySpan<byte> eventJson)
    {
        try
        {
            var reader = new Utf8JsonReader(eventJson);
            while (reader.Read())
            {
                // Reading to the end is the whole check; the reader throws on the first malformed token.
            }

            return null;
        }
        catch (JsonException malformed)
        {
            return Invalid("The event is not well-formed JSON", malformed);
        }
    }

    /// <summary>An InvalidEventJson failure whose message gives only the position, never the offending text.</summary>
    public static LambdaFunctionException Invalid(string reason, JsonException? cause = null)
    {
        var position = cause is null
            ? string.Empty
            : string.Create(
                CultureInfo.InvariantCulture,
                $" (path {cause.Path ?? "$"}, line {cause.LineNumber ?? 0}, byte {cause.BytePositionInLine ?? 0})");
        return new LambdaFunctionException(LambdaErrorTypes.InvalidEventJson, reason + position + ".");
    }
}
