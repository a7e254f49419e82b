using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Ports;

/// <summary>Keeps requests in memory only: for tests and the local engine; nothing survives the process.</summary>
public sealed class InMemoryRequestStore : IRequestStore
{
    private readonly Dictionary<string, ErasureRequest> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _idByIntakeKey = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task<CreateRequestResult> CreateAsync(ErasureRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequestIdGuard.Check(request.RequestId, nameof(request));
        if (request.Version != 1)
        {
            throw new ArgumentException("A new request has version 1.", nameof(request));
        }

        lock (_gate)
        {
            if (_idByIntakeKey.TryGetValue(request.IntakeKey, out var existingId))
            {
                return Task.FromResult(new CreateRequestResult(CreateRequestOutcome.Duplicate, _byId[existingId]));
            }

            if (_byId.TryGetValue(request.RequestId, out var taken))
            {
                return Task.FromResult(new CreateRequestResult(CreateRequestOutcome.RequestIdTaken, taken));
            }

            _byId.Add(request.RequestId, request);
            _idByIntakeKey.Add(request.IntakeKey, request.RequestId);
            return Task.FromResult(new CreateRequestResult(CreateRequestOutcome.Created, request));
        }
    }

    public Task<ErasureRequest?> GetAsync(string requestId, CancellationToken cancellationToken = default)
    {
        RequestIdGuard.Check(requestId);
        lock (_gate)
        {
            return Task.FromResult(_byId.GetValueOrDefault(requestId));
        }
    }

    public Task<bool> TryReplaceAsync(ErasureRequest updated, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updated);
        if (updated.Version != expectedVersion + 1)
        {
            throw new ArgumentException($"The updated request must have version {expectedVersion + 1}, one above the expected {expectedVersion}.", nameof(updated));
        }

        lock (_gate)
        {
            if (!_byId.TryGetValue(updated.RequestId, out var stored) || stored.Version != expectedVersion)
            {
                return Task.FromResult(false);
            }

            if (!string.Equals(stored.IntakeKey, updated.IntakeKey, StringComparison.Ordinal))
            {
                throw new ArgumentException("The intake key of a stored request never changes.", nameof(updated));
            }

            _byId[updated.RequestId] = updated;
            return Task.FromResult(true);
        }
    }

    public Task<RequestPage> QueryOpenByDeadlineAsync(int pageSize, string? continuationToken = null, CancellationToken cancellationToken = default) =>
        Query("open", r => r.IsOpen, r => r.Deadline.DueDate is { } due ? "0" + due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "1", pageSize, continuationToken);

    public Task<RequestPage> QueryByStatusAsync(RequestStatus status, int pageSize, string? continuationToken = null, CancellationToken cancellationToken = default) =>
        Query("status:" + status.Name(), r => r.Status == status, ReceivedKey, pageSize, continuationToken);

    public Task<RequestPage> QueryBySubjectHashAsync(string subjectHash, int pageSize, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subjectHash);
        return Query("subject:" + subjectHash, r => r.SubjectHashes.Contains(subjectHash, StringComparer.Ordinal), ReceivedKey, pageSize, continuationToken);
    }

    private static string ReceivedKey(ErasureRequest request) =>
        request.ReceivedAt.UtcTicks.ToString("D20", CultureInfo.InvariantCulture);

    private Task<RequestPage> Query(string query, Func<ErasureRequest, bool> filter, Func<ErasureRequest, string> sortKey, int pageSize, string? continuationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, IRequestStore.MaxPageSize);
        (string Key, string RequestId)? after = continuationToken is null ? null : PageToken.Read(continuationToken, query);
        List<(string Key, ErasureRequest Request)> matching;
        lock (_gate)
        {
            matching = _byId.Values.Where(filter).Select(r => (Key: sortKey(r), Request: r)).ToList();
        }

        var ordered = matching
            .OrderBy(m => m.Key, StringComparer.Ordinal)
            .ThenBy(m => m.Request.RequestId, StringComparer.Ordinal)
            .Where(m => after is null || Compare(m.Key, m.Request.RequestId, after.Value) > 0)
            .Take(pageSize + 1)
            .ToList();
        var items = ordered.Take(pageSize).ToList();
        var token = ordered.Count > pageSize ? PageToken.Write(query, items[^1].Key, items[^1].Request.RequestId) : null;
        return Task.FromResult(new RequestPage(items.Select(i => i.Request).ToList(), token));
    }

    private static int Compare(string key, string requestId, (string Key, string RequestId) after)
    {
        var byKey = string.CompareOrdinal(key, after.Key);
        return byKey != 0 ? byKey : string.CompareOrdinal(requestId, after.RequestId);
    }

    /// <summary>base64url of {"q": query fingerprint, "k": last sort key, "id": last request id}.</summary>
    private static class PageToken
    {
        public static string Write(string query, string key, string requestId)
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
            {
                ["q"] = Fingerprint(query),
                ["k"] = key,
                ["id"] = requestId,
            }, PageTokenJsonContext.Default.DictionaryStringString);
            return Convert.ToBase64String(json).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        }

        public static (string Key, string RequestId) Read(string token, string query)
        {
            try
            {
                var base64 = token.Replace('-', '+').Replace('_', '/');
                base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
                var values = JsonSerializer.Deserialize(Convert.FromBase64String(base64), PageTokenJsonContext.Default.DictionaryStringString);
                if (values is not null && values.TryGetValue("q", out var q) && q == Fingerprint(query)
                    && values.TryGetValue("k", out var key) && values.TryGetValue("id", out var id))
                {
                    return (key, id);
                }
            }
            catch (Exception e) when (e is FormatException or JsonException)
            {
                throw new InvalidContinuationTokenException("The continuation token is malformed; start again without one.", e);
            }

            throw new InvalidContinuationTokenException();
        }

        // The query (a subject hash, say) is not spelled out in the token, only recognised.
        private static string Fingerprint(string query) =>
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query)).AsSpan(0, 8));
    }
}
