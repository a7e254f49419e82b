using System.Buffers;
using System.Text;
using System.Text.Json;
using Gdpr.Workflows.Erasure.Audit;
using Microsoft.Data.Sqlite;

namespace Gdpr.Workflows.Stores.Sqlite;

/// <summary>Maps audit events to rows of <c>audit_events</c> and back, exactly (the hash is never recomputed on read).</summary>
internal static class AuditRows
{
    /// <summary>The columns every audit SELECT returns, in the order <see cref="Read"/> expects.</summary>
    public const string Columns = "request_id, seq, occurred_at, type, actor, system, subject_hash, details, idempotency_key, previous_hash, hash";

    public static SqliteCommand BindInsert(SqliteCommand command, AuditEvent e) => command
        .With("$request_id", e.RequestId)
        .With("$seq", e.Sequence)
        .With("$occurred_at", e.OccurredAt.ToUnixTimeMilliseconds())
        .With("$type", e.Type.Name)
        .With("$actor", e.Actor)
        .With("$system", e.System)
        .With("$subject_hash", e.SubjectHash is null ? null : Convert.FromHexString(e.SubjectHash))
        .With("$details", DetailsJson(e))
        .With("$idempotency_key", e.IdempotencyKey)
        .With("$previous_hash", Convert.FromHexString(e.PreviousHash))
        .With("$hash", Convert.FromHexString(e.Hash));

    public static AuditEvent Read(SqliteDataReader r) => new(
        r.GetString(0),
        r.GetInt64(1),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)),
        new AuditEventType(r.GetString(3)),
        r.GetString(4),
        r.IsDBNull(5) ? null : r.GetString(5),
        r.IsDBNull(6) ? null : Hex(r, 6),
        r.IsDBNull(7) ? null : ParseDetails(r.GetString(7)),
        r.IsDBNull(8) ? null : r.GetString(8),
        Hex(r, 9),
        Hex(r, 10));

    public static List<AuditEvent> ReadAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var events = new List<AuditEvent>();
        while (reader.Read())
        {
            events.Add(Read(reader));
        }

        return events;
    }

    public static AuditEvent? ReadFirst(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private static string Hex(SqliteDataReader r, int ordinal) => Convert.ToHexStringLower((byte[])r.GetValue(ordinal));

    private static string? DetailsJson(AuditEvent e)
    {
        if (e.Details.Count == 0)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in e.Details)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static Dictionary<string, string> ParseDetails(string json)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            details[key] = reader.GetString() ?? throw new InvalidDataException($"audit_events.details: '{key}' is not a string.");
        }

        return details;
    }
}
