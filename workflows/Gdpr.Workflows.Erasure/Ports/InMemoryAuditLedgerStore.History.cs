using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gdpr.Workflows.Erasure.Audit;

namespace Gdpr.Workflows.Erasure.Ports;

/// <summary>The cross-request queries of <see cref="IAuditHistoryStore"/>, by walking every ledger (memory is small).</summary>
public sealed partial class InMemoryAuditLedgerStore
{
    public Task<AuditEventPage> QueryBySubjectHashAsync(string subjectHash, int pageSize, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        AuditFieldRules.SubjectHash(subjectHash ?? throw new ArgumentNullException(nameof(subjectHash)));
        return Task.FromResult(Query("subject:" + subjectHash, e => e.SubjectHash == subjectHash, pageSize, continuationToken));
    }

    public Task<AuditEventPage> QueryByDaysAsync(DateOnly firstDay, DateOnly lastDay, string? system, int pageSize, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        CheckDays(firstDay, lastDay);
        AuditFieldRules.System(system);
        var from = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var to = new DateTimeOffset(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var query = string.Create(CultureInfo.InvariantCulture, $"days:{firstDay:yyyy-MM-dd}:{lastDay:yyyy-MM-dd}:{system}");
        return Task.FromResult(Query(query, e => e.OccurredAt >= from && e.OccurredAt < to && (system is null || e.System == system), pageSize, continuationToken));
    }

    /// <summary>The checks every <see cref="IAuditHistoryStore.QueryByDaysAsync"/> implementation applies.</summary>
    internal static void CheckDays(DateOnly firstDay, DateOnly lastDay)
    {
        if (lastDay < firstDay)
        {
            throw new ArgumentOutOfRangeException(nameof(lastDay), lastDay, "The last day is before the first day.");
        }

        if (lastDay.DayNumber - firstDay.DayNumber + 1 > IAuditHistoryStore.MaxDays)
        {
            throw new ArgumentOutOfRangeException(nameof(lastDay), lastDay, $"A query spans at most {IAuditHistoryStore.MaxDays} days.");
        }
    }

    private AuditEventPage Query(string query, Func<AuditEvent, bool> filter, int pageSize, string? continuationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, IAuditHistoryStore.MaxPageSize);
        var after = continuationToken is null ? ((long, string, long)?)null : ReadToken(continuationToken, query);
        var matching = new List<AuditEvent>();
        foreach (var ledger in _ledgers.Values)
        {
            lock (ledger)
            {
                matching.AddRange(ledger.Events.Where(filter));
            }
        }

        var ordered = matching
            .Select(e => (Key: (e.OccurredAt.ToUnixTimeMilliseconds(), e.RequestId, e.Sequence), Event: e))
            .Where(m => after is null || Compare(m.Key, after.Value) > 0)
            .OrderBy(m => m.Key.Item1).ThenBy(m => m.Key.RequestId, StringComparer.Ordinal).ThenBy(m => m.Key.Sequence)
            .Take(pageSize + 1)
            .ToList();
        var items = ordered.Take(pageSize).ToList();
        var token = ordered.Count > pageSize ? WriteToken(query, items[^1].Key) : null;
        return new AuditEventPage(items.Select(i => i.Event).ToList(), token);
    }

    private static int Compare((long Time, string RequestId, long Sequence) key, (long Time, string RequestId, long Sequence) after)
    {
        var byTime = key.Time.CompareTo(after.Time);
        if (byTime != 0)
        {
            return byTime;
        }

        var byId = string.CompareOrdinal(key.RequestId, after.RequestId);
        return byId != 0 ? byId : key.Sequence.CompareTo(after.Sequence);
    }

    private static string WriteToken(string query, (long Time, string RequestId, long Sequence) key)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new[] { Fingerprint(query), key.Time.ToString(CultureInfo.InvariantCulture), key.RequestId, key.Sequence.ToString(CultureInfo.InvariantCulture) }, PageTokenJsonContext.Default.StringArray);
        return Convert.ToBase64String(json).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static (long, string, long) ReadToken(string token, string query)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var parts = JsonSerializer.Deserialize(Convert.FromBase64String(base64), PageTokenJsonContext.Default.StringArray);
            if (parts is [var fingerprint, var time, var requestId, var sequence] && fingerprint == Fingerprint(query))
            {
                return (long.Parse(time, CultureInfo.InvariantCulture), requestId, long.Parse(sequence, CultureInfo.InvariantCulture));
            }
        }
        catch (Exception e) when (e is FormatException or JsonException or OverflowException)
        {
            throw new InvalidContinuationTokenException("The continuation token is malformed; start again without one.", e);
        }

        throw new InvalidContinuationTokenException();
    }

    private static string Fingerprint(string query) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query)).AsSpan(0, 8));
}
