using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Subjects;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>
/// The officers' read side of requests (the Status function and the CLI's lists): one request's status, and the open,
/// by-status and by-subject lists, paged. Never returns identifiers, subject hashes or task tokens.
/// </summary>
public sealed class StatusService(IRequestStore requests, ErasureDeadlines deadlines, ISubjectHasher hasher, TimeProvider timeProvider, PhoneNumberDefaults? phoneDefaults = null)
{
    public const int DefaultPageSize = 50;

    /// <exception cref="NotFoundException">No such request.</exception>
    public async Task<RequestStatusView> GetAsync(string requestId, CancellationToken cancellationToken = default)
    {
        requestId = SafeText.RequestId(requestId);
        var request = await requests.GetAsync(requestId, cancellationToken) ?? throw NotFoundException.Request(requestId);
        return RequestViews.Status(request, deadlines, Today());
    }

    /// <summary>Open requests, overdue first (by due date), clock-stopped ones last.</summary>
    public Task<RequestSummaryPage> ListOpenAsync(int pageSize = DefaultPageSize, string? continuationToken = null, CancellationToken cancellationToken = default) =>
        PageAsync(() => requests.QueryOpenByDeadlineAsync(pageSize, continuationToken, cancellationToken), pageSize);

    /// <summary>Requests in one status, oldest first.</summary>
    public Task<RequestSummaryPage> ListByStatusAsync(RequestStatus status, int pageSize = DefaultPageSize, string? continuationToken = null, CancellationToken cancellationToken = default) =>
        PageAsync(() => requests.QueryByStatusAsync(status, pageSize, continuationToken, cancellationToken), pageSize);

    /// <summary>Requests about the subject with this identifier (hashed here; the identifier is not kept), oldest first.</summary>
    public async Task<RequestSummaryPage> FindBySubjectAsync(IdentifierInput identifier, int pageSize = DefaultPageSize, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        SubjectIdentifier parsed;
        try
        {
            var kind = identifier.Kind?.Trim().ToLowerInvariant() switch
            {
                "email" => SubjectIdentifierKind.Email,
                "phone" => SubjectIdentifierKind.Phone,
                "customer_id" or "customerid" or "customer-id" => SubjectIdentifierKind.CustomerId,
                "keyed" => SubjectIdentifierKind.Keyed,
                _ => throw new InvalidInputException("'kind' must be email, phone, customer_id or keyed."),
            };
            parsed = SubjectIdentifier.Create(kind, identifier.Key, identifier.Value, phoneDefaults);
        }
        catch (InvalidSubjectIdentifierException e)
        {
            throw new InvalidInputException(e.Message, e);
        }

        var hash = await hasher.HashAsync(parsed, cancellationToken);
        return await PageAsync(() => requests.QueryBySubjectHashAsync(hash, pageSize, continuationToken, cancellationToken), pageSize);
    }

    private async Task<RequestSummaryPage> PageAsync(Func<Task<RequestPage>> query, int pageSize)
    {
        if (pageSize is < 1 or > IRequestStore.MaxPageSize)
        {
            throw new InvalidInputException($"'pageSize' must be 1 to {IRequestStore.MaxPageSize}.");
        }

        RequestPage page;
        try
        {
            page = await query();
        }
        catch (InvalidContinuationTokenException e)
        {
            throw new InvalidInputException(e.Message, e);
        }

        var today = Today();
        return new RequestSummaryPage(page.Items.Select(r => RequestViews.Summary(r, today)).ToList(), page.ContinuationToken);
    }

    private DateOnly Today() => deadlines.Day(timeProvider.GetUtcNow());
}
