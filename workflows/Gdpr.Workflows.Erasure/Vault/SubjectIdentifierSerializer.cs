using System.Buffers;
using System.Text.Json;
using Gdpr.Workflows.Erasure.Subjects;

namespace Gdpr.Workflows.Erasure.Vault;

/// <summary>
/// The plaintext inside a sealed record: {"v":1,"identifiers":[{"kind":"email","value":"..."},
/// {"kind":"keyed","key":"...","value":"..."}]}. Reading re-normalises every value, so a record
/// can never yield an identifier the factories would refuse.
/// </summary>
internal static class SubjectIdentifierSerializer
{
    private const int Version = 1;

    public static byte[] Serialize(SubjectIdentifiers identifiers)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", Version);
            writer.WriteStartArray("identifiers");
            foreach (var identifier in identifiers)
            {
                writer.WriteStartObject();
                writer.WriteString("kind", KindName(identifier.Kind));
                if (identifier.Key is not null)
                {
                    writer.WriteString("key", identifier.Key);
                }

                writer.WriteString("value", identifier.Value);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        var bytes = buffer.WrittenSpan.ToArray();
        buffer.Clear(); // zeroes the written plaintext in the working buffer
        return bytes;
    }

    public static SubjectIdentifiers Deserialize(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (!root.TryGetProperty("v", out var version) || version.GetInt32() != Version)
        {
            throw new FormatException("The sealed identifiers have an unknown layout version.");
        }

        var identifiers = root.GetProperty("identifiers").EnumerateArray().Select(element =>
            SubjectIdentifier.Create(
                ParseKind(element.GetProperty("kind").GetString()),
                element.TryGetProperty("key", out var key) ? key.GetString() : null,
                element.GetProperty("value").GetString()));
        return SubjectIdentifiers.Of(identifiers);
    }

    private static string KindName(SubjectIdentifierKind kind) => kind switch
    {
        SubjectIdentifierKind.Email => "email",
        SubjectIdentifierKind.Phone => "phone",
        SubjectIdentifierKind.CustomerId => "customer_id",
        SubjectIdentifierKind.Keyed => "keyed",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown subject identifier kind."),
    };

    private static SubjectIdentifierKind ParseKind(string? name) => name switch
    {
        "email" => SubjectIdentifierKind.Email,
        "phone" => SubjectIdentifierKind.Phone,
        "customer_id" => SubjectIdentifierKind.CustomerId,
        "keyed" => SubjectIdentifierKind.Keyed,
        _ => throw new FormatException("The sealed identifiers hold an unknown identifier kind."),
    };
}
