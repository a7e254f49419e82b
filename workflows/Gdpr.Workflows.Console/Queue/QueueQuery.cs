using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Subjects;

namespace Gdpr.Workflows.WebConsole.Queue;

/// <summary>One page of the queue; <see cref="Next"/> is the keyset position of the next page (null: the last).</summary>
public sealed record QueueResult(IReadOnlyList<ErasureRequest> Rows, string? Next, string Order, string? Note);

/// <summary>
/// The queue as keyset pages over the request store's indexes: open requests by deadline (OpenByDeadline), one status
/// by receipt (ByStatus), one subject (BySubjectHash), or one request by id. Date filters stop at the first row past
/// the cut-off (the index is in deadline order); the systems filter reads at most <see cref="ScanBudget"/> rows a page,
/// so a page costs the same at a million requests as at ten. Without a hasher (a deployed stack whose HMAC key this
/// console may not use) a subject search answers <c>hasherUnavailable</c> instead.
/// </summary>
public sealed class QueueQuery(IRequestStore requests, ISubjectHasher? hasher, string hasherUnavailable = "Subjects cannot be looked up here.")
{
    /// <summary>Rows a page reads at most while a filter the index cannot answer skips rows.</summary>
    public const int ScanBudget = 5000;

    public async Task<QueueResult> PageAsync(QueueFilter filter, int pageSize, DateOnly today, CancellationToken cancellationToken)
    {
        if (filter.Search is { } search)
        {
            return await SearchAsync(search, filter, pageSize, cancellationToken);
        }

        var cutoff = filter.Overdue ? today.AddDays(-1) : filter.Within is { } days ? today.AddDays(days) : (DateOnly?)null;
        if (filter.Status is { } status && cutoff is null)
        {
            return await ScanAsync((size, token) => requests.QueryByStatusAsync(status, size, token, cancellationToken), filter, pageSize, null, "oldest received first");
        }

        return await ScanAsync((size, token) => requests.QueryOpenByDeadlineAsync(size, token, cancellationToken), filter, pageSize, cutoff, "earliest deadline first");
    }

    /// <summary>
    /// Reads store pages no larger than the rows still wanted, so a page never holds more matches than fit and the
    /// store's token is exactly where this page ends.
    /// </summary>
    private static async Task<QueueResult> ScanAsync(Func<int, string?, Task<RequestPage>> query, QueueFilter filter, int pageSize, DateOnly? cutoff, string order)
    {
        var rows = new List<ErasureRequest>(pageSize);
        var token = filter.After;
        var scanned = 0;
        try
        {
            do
            {
                var page = await query(pageSize - rows.Count, token);
                token = page.ContinuationToken;
                foreach (var request in page.Items)
                {
                    scanned++;
                    if (cutoff is { } last && (request.Deadline.DueDate is not { } due || due > last))
                    {
                        return new QueueResult(rows, null, order, null);
                    }

                    if (Matches(request, filter))
                    {
                        rows.Add(request);
                    }
                }
            }
            while (token is not null && rows.Count < pageSize && scanned < ScanBudget);
        }
        catch (InvalidContinuationTokenException)
        {
            return new QueueResult([], null, order, "The page position is not valid for these filters; start again from the first page.");
        }

        var note = token is not null && rows.Count < pageSize ? $"{scanned:N0} requests looked at for this page; more may match on the next." : null;
        return new QueueResult(rows, token, order, note);
    }

    private static bool Matches(ErasureRequest request, QueueFilter filter)
    {
        if (!request.IsOpen || (filter.Status is { } status && request.Status != status))
        {
            return false;
        }

        return filter.Systems switch
        {
            SystemTrouble.Failed => request.Systems.Any(s => s.Status == SystemErasureStatus.Failed && !IsNoResponse(s.LastError)),
            SystemTrouble.NotResponding => request.Systems.Any(s => s.Status == SystemErasureStatus.Failed && IsNoResponse(s.LastError)),
            _ => true,
        };
    }

    /// <summary>The error names a system's silence is recorded under (the workflow's timeouts).</summary>
    public static bool IsNoResponse(string? error) => error is "States.Timeout" or "States.HeartbeatTimeout";

    private async Task<QueueResult> SearchAsync(string search, QueueFilter filter, int pageSize, CancellationToken cancellationToken)
    {
        if (LooksLikeRequestId(search))
        {
            var request = await requests.GetAsync(search, cancellationToken);
            if (request is not null)
            {
                return new QueueResult([request], null, "the request with this id", null);
            }
        }

        SubjectIdentifier identifier;
        try
        {
            identifier = Identifier(search);
        }
        catch (InvalidSubjectIdentifierException e)
        {
            return new QueueResult([], null, "by subject", $"No request has this id, and it is not a subject identifier: {e.Message}");
        }

        if (hasher is null)
        {
            return new QueueResult([], null, "by subject", "No request has this id. " + hasherUnavailable);
        }

        var hash = await hasher.HashAsync(identifier, cancellationToken);
        try
        {
            var page = await requests.QueryBySubjectHashAsync(hash, pageSize, filter.After, cancellationToken);
            return new QueueResult(page.Items, page.ContinuationToken, "every request about this subject, oldest first (open and closed)", null);
        }
        catch (InvalidContinuationTokenException)
        {
            return new QueueResult([], null, "by subject", "The page position is not valid for this search; start again.");
        }
    }

    /// <summary>A subject identifier typed into the search box; its kind told from its form as <c>gdpr history --subject</c> does.</summary>
    public static SubjectIdentifier Identifier(string value)
    {
        var text = value.Trim();
        if (text.Contains('@', StringComparison.Ordinal))
        {
            return SubjectIdentifier.Email(text);
        }

        return PhoneLike(text) ? SubjectIdentifier.Phone(text, PhoneNumberDefaults.UnitedKingdom) : SubjectIdentifier.CustomerId(text);
    }

    private static bool PhoneLike(string text) =>
        text.Length >= 7 && (text[0] == '+' || char.IsAsciiDigit(text[0])) && char.IsAsciiDigit(text[text[0] == '+' ? 1 : 0])
        && text.Skip(1).All(c => char.IsAsciiDigit(c) || c is ' ' or '(' or ')' or '.' or '/' or '-');

    private static bool LooksLikeRequestId(string text) => RequestIds.IsWellFormed(text);
}
