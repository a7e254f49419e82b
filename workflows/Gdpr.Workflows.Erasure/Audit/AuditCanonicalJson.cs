using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Gdpr.Workflows.Erasure.Audit;

/// <summary>
/// The one byte sequence an audit event hashes to, reproducible by an auditor in any language
/// (RFC 8785 style): a JSON object with keys in code-unit order, no whitespace, UTF-8, strings
/// escaped only where JSON requires it, absent optional fields as null, "v" the format version.
/// <code>
/// {"actor":"..","details":{"k":"v"},"idempotencyKey":null,"occurredAt":"2025-01-31T09:30:00.000Z",
///  "previousHash":"00..00","requestId":"..","sequence":1,"subjectHash":null,"system":null,"type":"RequestReceived","v":1}
/// </code>
/// </summary>
public static class AuditCanonicalJson
{
    public const int FormatVersion = 1;

    /// <summary>The canonical JSON of every field except <see cref="AuditEvent.Hash"/>.</summary>
    public static string Serialize(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var json = new StringBuilder(512);
        json.Append('{');
        Member(json, "actor", first: true).AppendString(auditEvent.Actor);
        Member(json, "details");
        json.Append('{');
        var firstDetail = true;
        foreach (var (key, value) in auditEvent.Details)
        {
            Member(json, key, firstDetail).AppendString(value);
            firstDetail = false;
        }

        json.Append('}');
        Member(json, "idempotencyKey").AppendStringOrNull(auditEvent.IdempotencyKey);
        Member(json, "occurredAt").AppendString(auditEvent.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        Member(json, "previousHash").AppendString(auditEvent.PreviousHash);
        Member(json, "requestId").AppendString(auditEvent.RequestId);
        Member(json, "sequence").Append(auditEvent.Sequence.ToString(CultureInfo.InvariantCulture));
        Member(json, "subjectHash").AppendStringOrNull(auditEvent.SubjectHash);
        Member(json, "system").AppendStringOrNull(auditEvent.System);
        Member(json, "type").AppendString(auditEvent.Type.Name);
        Member(json, "v").Append(FormatVersion.ToString(CultureInfo.InvariantCulture));
        json.Append('}');
        return json.ToString();
    }

    /// <summary>Lowercase hex SHA-256 of the UTF-8 canonical JSON.</summary>
    public static string ComputeHash(AuditEvent auditEvent) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Serialize(auditEvent))));

    private static StringBuilder Member(StringBuilder json, string name, bool first = false)
    {
        if (!first)
        {
            json.Append(',');
        }

        return json.AppendString(name).Append(':');
    }

    private static StringBuilder AppendStringOrNull(this StringBuilder json, string? value) =>
        value is null ? json.Append("null") : json.AppendString(value);

    private static StringBuilder AppendString(this StringBuilder json, string value)
    {
        json.Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => json.Append("\\\""),
                '\\' => json.Append("\\\\"),
                '\b' => json.Append("\\b"),
                '\f' => json.Append("\\f"),
                '\n' => json.Append("\\n"),
                '\r' => json.Append("\\r"),
                '\t' => json.Append("\\t"),
                < ' ' => json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => json.Append(c),
            };
        }

        return json.Append('"');
    }
}
