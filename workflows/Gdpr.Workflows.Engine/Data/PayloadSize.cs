using System.Text;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Data;

/// <summary>
/// Payload sizes for Step Functions' quota on a state's input, output and task result: 256 KiB of UTF-8
/// JSON text, measured on the text AWS would write (<see cref="CanonicalJson"/>).
/// </summary>
public static class PayloadSize
{
    /// <summary>262,144 bytes: the most a payload may hold.</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>The number of UTF-8 bytes of the compact JSON text of <paramref name="node"/>.</summary>
    public static int Utf8Length(JsonNode? node) => Encoding.UTF8.GetByteCount(CanonicalJson.Serialize(node));

    /// <summary>Whether <paramref name="node"/> is larger than <see cref="MaxBytes"/>.</summary>
    public static bool ExceedsLimit(JsonNode? node) => Utf8Length(node) > MaxBytes;
}
