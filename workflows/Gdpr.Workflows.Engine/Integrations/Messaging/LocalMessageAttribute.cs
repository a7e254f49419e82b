using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Integrations.Messaging;

/// <summary>An SNS/SQS message attribute: <c>DataType</c> (String, Number, Binary, or with a custom suffix) and its value.</summary>
/// <param name="BinaryValue">Base64 text, for Binary attributes.</param>
public sealed record LocalMessageAttribute(string DataType, string? StringValue, string? BinaryValue)
{
    /// <summary>Reads the <c>MessageAttributes</c> parameter; null or absent is no attributes.</summary>
    public static IReadOnlyDictionary<string, LocalMessageAttribute> ParseAll(JsonNode? attributes)
    {
        var result = new SortedDictionary<string, LocalMessageAttribute>(StringComparer.Ordinal);
        if (attributes is not JsonObject fields)
        {
            return result;
        }

        foreach (var (name, value) in fields)
        {
            var dataType = StringField(value, "DataType")
                ?? throw InvalidAttribute(name, "The message attribute must have a DataType.");
            var stringValue = StringField(value, "StringValue");
            var binaryValue = StringField(value, "BinaryValue");
            if (stringValue is null && binaryValue is null)
            {
                throw InvalidAttribute(name, "The message attribute must contain a non-empty value.");
            }

            result[name] = new LocalMessageAttribute(dataType, stringValue, binaryValue);
        }

        return result;
    }

    /// <summary>
    /// SQS's <c>MD5OfMessageAttributes</c>: MD5 over the attributes sorted by name, each encoded as
    /// length-prefixed name, length-prefixed data type, transport byte (1 string, 2 binary) and length-prefixed value.
    /// </summary>
    public static string? Md5Of(IReadOnlyDictionary<string, LocalMessageAttribute> attributes)
    {
        if (attributes.Count == 0)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        foreach (var (name, attribute) in attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            WriteLengthPrefixed(buffer, Encoding.UTF8.GetBytes(name));
            WriteLengthPrefixed(buffer, Encoding.UTF8.GetBytes(attribute.DataType));
            if (attribute.BinaryValue is { } binary)
            {
                buffer.WriteByte(2);
                WriteLengthPrefixed(buffer, Convert.FromBase64String(binary));
            }
            else
            {
                buffer.WriteByte(1);
                WriteLengthPrefixed(buffer, Encoding.UTF8.GetBytes(attribute.StringValue ?? string.Empty));
            }
        }

        return Md5Hex(buffer.ToArray());
    }

#pragma warning disable CA5351 // MD5 is the checksum SQS's protocol defines, not a security measure.
    internal static string Md5Hex(byte[] data) => Convert.ToHexStringLower(MD5.HashData(data));
#pragma warning restore CA5351

    private static void WriteLengthPrefixed(Stream buffer, byte[] bytes)
    {
        Span<byte> length = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        buffer.Write(length);
        buffer.Write(bytes);
    }

    private static string? StringField(JsonNode? node, string name) =>
        node is JsonObject obj && obj[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static LocalServiceException InvalidAttribute(string name, string reason) =>
        new("InvalidParameterValueException", "InvalidParameterValue", 400, $"Message attribute '{name}' is invalid. {reason}");
}
