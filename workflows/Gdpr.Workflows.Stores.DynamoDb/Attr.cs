using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.DynamoDBv2.Model;

namespace Gdpr.Workflows.Stores.DynamoDb;

/// <summary>Short constructors and readers for DynamoDB attribute values.</summary>
internal static class Attr
{
    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue B(ReadOnlyMemory<byte> value) => new() { B = new MemoryStream(value.ToArray(), writable: false) };

    public static string? String(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S : null;

    public static string RequiredString(Dictionary<string, AttributeValue> item, string name) =>
        String(item, name) ?? throw Malformed(item, name);

    public static long Long(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.N is { } n
            ? long.Parse(n, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
            : throw Malformed(item, name);

    public static long? OptionalLong(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.N is { } n ? long.Parse(n, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : null;

    public static byte[] Bytes(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.B is { } stream ? stream.ToArray() : throw Malformed(item, name);

    public static bool IsEmpty(Dictionary<string, AttributeValue>? item) => item is null || item.Count == 0;

    /// <summary>
    /// A ClientRequestToken (at most 36 characters) derived from what the write is, so a retry of the same
    /// write - by this process or another - is recognised by DynamoDB for ten minutes and applied once.
    /// </summary>
    public static string Token(params string[] parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)));
        return Convert.ToHexStringLower(hash)[..36];
    }

    private static InvalidDataException Malformed(Dictionary<string, AttributeValue> item, string name) =>
        new($"Stored item has no valid '{name}' attribute (keys present: {string.Join(", ", item.Keys.Order(StringComparer.Ordinal))}).");
}
