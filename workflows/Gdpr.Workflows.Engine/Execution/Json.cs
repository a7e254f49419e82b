using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Execution;

/// <summary>
/// Compact JSON text as Step Functions renders payloads in history, output, messages and Lambda payloads: the
/// engine's one JSON text helper (only <c>"</c>, <c>\</c> and control characters escaped). Canonical, Java-formatted
/// text for comparison and intrinsic functions is <see cref="Data.CanonicalJson"/>.
/// </summary>
internal static class Json
{
    public static readonly JsonSerializerOptions Compact = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The same rendering for code that writes with a <see cref="Utf8JsonWriter"/>.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Measuring a payload writes it into a reused per-thread buffer: no string is made just to be counted.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? measureBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? measureWriter;

    public static string Text(JsonNode? node) => node is null ? "null" : node.ToJsonString(Compact);

    public static JsonNode? Parse(string text) => JsonNode.Parse(text);

    /// <summary>The size in bytes of <see cref="Text"/>'s UTF-8 encoding.</summary>
    public static int Utf8Length(JsonNode? node)
    {
        if (node is null)
        {
            return 4;
        }

        var buffer = measureBuffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = measureWriter ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Compact.Encoder, Indented = false });
        writer.Reset(buffer);
        node.WriteTo(writer, Compact);
        writer.Flush();
        var length = buffer.WrittenCount;
        if (buffer.Capacity > 1 << 20)
        {
            // A large payload was measured once: do not keep its buffer for the life of the thread.
            measureBuffer = null;
            measureWriter = null;
        }

        return length;
    }
}
