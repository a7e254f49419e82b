using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Gdpr.Workflows.Erasure.Audit;

namespace Gdpr.Workflows.Stores.DynamoDb;

/// <summary>
/// Audit events as items of the Audit table (see docs/dynamodb.md): key (requestId, sequence); the GSI
/// keys subjectHash / day / system with recordedAt as their sort key; expiresAt for TTL. recordedAt is
/// the event's time, a unit separator, the request id, another, the zero-padded sequence: unique, so the
/// indexes order events totally (time, then request id, then sequence) and pages never repeat one.
/// </summary>
internal static class AuditItems
{
    public const string RequestId = "requestId";
    public const string Sequence = "sequence";
    public const string RecordedAt = "recordedAt";
    public const string OccurredAt = "occurredAt";
    public const string Day = "day";
    public const string System = "system";
    public const string SubjectHash = "subjectHash";
    public const string ExpiresAt = "expiresAt";
    public const string EventSequence = "eventSequence";

    /// <summary>Separates the parts of an idempotency marker's partition key; request ids never hold control characters.</summary>
    public const char Separator = '\u001f';

    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The GSI sort key of an event (see the class remarks).</summary>
    public static string SortKey(DateTimeOffset occurredAt, string requestId, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{Timestamp(occurredAt)}{Separator}{requestId}{Separator}{sequence:D19}");

    public static string DayOf(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static Dictionary<string, AttributeValue> Key(string requestId, long sequence) => new()
    {
        [RequestId] = Attr.S(requestId),
        [Sequence] = Attr.N(sequence),
    };

    /// <summary>
    /// The item that reserves an idempotency key: its own partition (so it never shows in a request's
    /// events), sequence 0, pointing at the event that used the key.
    /// </summary>
    public static Dictionary<string, AttributeValue> MarkerKey(string requestId, string idempotencyKey) =>
        Key($"{Separator}idem{Separator}{requestId}{Separator}{idempotencyKey}", 0);

    public static Dictionary<string, AttributeValue> Marker(AuditEvent e, TimeSpan retention)
    {
        var item = MarkerKey(e.RequestId, e.IdempotencyKey!);
        item[EventSequence] = Attr.N(e.Sequence);
        item[ExpiresAt] = Attr.N(Expiry(e, retention));
        return item;
    }

    public static Dictionary<string, AttributeValue> ToItem(AuditEvent e, TimeSpan retention)
    {
        var item = Key(e.RequestId, e.Sequence);
        item[OccurredAt] = Attr.S(Timestamp(e.OccurredAt));
        item[RecordedAt] = Attr.S(SortKey(e.OccurredAt, e.RequestId, e.Sequence));
        item[Day] = Attr.S(DayOf(e.OccurredAt));
        item["type"] = Attr.S(e.Type.Name);
        item["actor"] = Attr.S(e.Actor);
        item["previousHash"] = Attr.S(e.PreviousHash);
        item["hash"] = Attr.S(e.Hash);
        item[ExpiresAt] = Attr.N(Expiry(e, retention));
        if (e.System is { } system)
        {
            item[System] = Attr.S(system);
        }

        if (e.SubjectHash is { } subjectHash)
        {
            item[SubjectHash] = Attr.S(subjectHash);
        }

        if (e.IdempotencyKey is { } key)
        {
            item["idempotencyKey"] = Attr.S(key);
        }

        if (e.Details.Count > 0)
        {
            item["details"] = new AttributeValue { M = e.Details.ToDictionary(d => d.Key, d => Attr.S(d.Value), StringComparer.Ordinal) };
        }

        return item;
    }

    public static AuditEvent FromItem(Dictionary<string, AttributeValue> item)
    {
        var occurredAt = DateTimeOffset.ParseExact(Attr.RequiredString(item, OccurredAt), "yyyy-MM-dd'T'HH:mm:ss.fff'Z'",
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        Dictionary<string, string>? details = null;
        if (item.TryGetValue("details", out var map) && map.M is { } entries)
        {
            details = entries.ToDictionary(d => d.Key, d => d.Value.S ?? throw new InvalidDataException($"Audit detail '{d.Key}' is not a string."), StringComparer.Ordinal);
        }

        return new AuditEvent(
            Attr.RequiredString(item, RequestId),
            Attr.Long(item, Sequence),
            occurredAt,
            new AuditEventType(Attr.RequiredString(item, "type")),
            Attr.RequiredString(item, "actor"),
            Attr.String(item, System),
            Attr.String(item, SubjectHash),
            details,
            Attr.String(item, "idempotencyKey"),
            Attr.RequiredString(item, "previousHash"),
            Attr.RequiredString(item, "hash"));
    }

    // From the event's own time, not the clock: a retried write then carries the identical item, as its
    // ClientRequestToken requires.
    private static long Expiry(AuditEvent e, TimeSpan retention) => (e.OccurredAt + retention).ToUnixTimeSeconds();
}
