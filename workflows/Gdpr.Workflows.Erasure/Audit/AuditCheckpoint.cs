using System.Globalization;
using System.Text;

namespace Gdpr.Workflows.Erasure.Audit;

/// <summary>One request's chain head as a checkpoint recorded it.</summary>
public sealed record AuditCheckpointHead(string RequestId, long Sequence, string Hash);

/// <summary>
/// The heads of every audit chain at one moment, signed by a checkpointer whose key the stores' writer never holds:
/// an edit that rewinds both a chain and the head anchored in its request's record still disagrees with the last
/// checkpoint. <see cref="Content"/> is the exact bytes signed (a line-based text, stable across versions).
/// </summary>
public sealed class AuditCheckpoint
{
    private const string Magic = "gdpr-audit-checkpoint v1";

    public AuditCheckpoint(DateTimeOffset takenAt, IEnumerable<AuditCheckpointHead> heads)
    {
        ArgumentNullException.ThrowIfNull(heads);
        TakenAt = takenAt.ToUniversalTime();
        Heads = heads.OrderBy(h => h.RequestId, StringComparer.Ordinal).ToList();
        foreach (var head in Heads)
        {
            if (head.RequestId.Length == 0 || head.RequestId.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0)
            {
                throw new ArgumentException($"Request id '{head.RequestId}' cannot be written in a checkpoint.", nameof(heads));
            }
        }
    }

    public DateTimeOffset TakenAt { get; }

    /// <summary>By request id, ordinal.</summary>
    public IReadOnlyList<AuditCheckpointHead> Heads { get; }

    /// <summary>The bytes that are signed: a header line, the time, then one "id TAB sequence TAB hash" line per head.</summary>
    public byte[] Content()
    {
        var text = new StringBuilder();
        text.Append(Magic).Append('\n');
        text.Append(TakenAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var head in Heads)
        {
            text.Append(head.RequestId).Append('\t').Append(head.Sequence.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(head.Hash).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Reads what <see cref="Content"/> wrote; null when the bytes are not a checkpoint.</summary>
    public static AuditCheckpoint? TryParse(ReadOnlySpan<byte> content)
    {
        var lines = Encoding.UTF8.GetString(content).Split('\n');
        if (lines.Length < 3 || lines[0] != Magic || lines[^1].Length != 0
            || !long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var millis))
        {
            return null;
        }

        var heads = new List<AuditCheckpointHead>(lines.Length - 3);
        foreach (var line in lines.AsSpan(2, lines.Length - 3))
        {
            var parts = line.Split('\t');
            if (parts.Length != 3 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence < 1)
            {
                return null;
            }

            heads.Add(new AuditCheckpointHead(parts[0], sequence, parts[2]));
        }

        try
        {
            return new AuditCheckpoint(DateTimeOffset.FromUnixTimeMilliseconds(millis), heads);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}

/// <summary>A checkpoint as stored: its name in the store, the signed bytes and the signature.</summary>
public sealed record SignedAuditCheckpoint(string Name, byte[] Content, byte[] Signature);
