using System.Security.Cryptography;
using System.Text;
using Gdpr.Workflows.Erasure.Audit;

namespace Gdpr.Workflows.Stores.Tests.Support;

/// <summary>Builds valid, hash-chained audit events for the contract tests.</summary>
public static class AuditSamples
{
    public static readonly DateTimeOffset Start = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);

    /// <summary>A fresh request id, unique per call (tests share tables on a real endpoint).</summary>
    public static string NewRequestId(string label = "req") => $"{label}-{Guid.NewGuid():N}";

    /// <summary>A 64-hex-digit subject hash derived from <paramref name="seed"/>.</summary>
    public static string SubjectHash(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));

    public static AuditEventDraft Draft(int n, string? idempotencyKey = null, string? system = null, string? subjectHash = null) =>
        new(n == 1 ? AuditEventType.RequestReceived : AuditEventType.SystemErased, "svc-ledger")
        {
            System = system ?? (n == 1 ? null : "crm"),
            SubjectHash = subjectHash,
            Details = new Dictionary<string, string> { ["step"] = n.ToString(System.Globalization.CultureInfo.InvariantCulture), ["note"] = "é ✓ \"quoted\"" },
            IdempotencyKey = idempotencyKey,
        };

    /// <summary>The event that follows <paramref name="previous"/> (or the first one), one minute after it.</summary>
    public static AuditEvent Next(string requestId, AuditEvent? previous, AuditEventDraft? draft = null, DateTimeOffset? at = null)
    {
        var sequence = (previous?.Sequence ?? 0) + 1;
        return AuditEvent.CreateChained(requestId, sequence, at ?? Start.AddMinutes(sequence), draft ?? Draft((int)sequence),
            previous?.Hash ?? AuditEvent.GenesisHash);
    }

    /// <summary>A valid chain of <paramref name="count"/> events.</summary>
    public static List<AuditEvent> Chain(string requestId, int count, Func<int, AuditEventDraft>? draft = null, Func<int, DateTimeOffset>? at = null)
    {
        var events = new List<AuditEvent>(count);
        for (var i = 1; i <= count; i++)
        {
            events.Add(Next(requestId, events.LastOrDefault(), draft?.Invoke(i), at?.Invoke(i)));
        }

        return events;
    }
}
