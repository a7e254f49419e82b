using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Ports;

/// <summary>How <see cref="IRequestStore.CreateAsync"/> ended.</summary>
public enum CreateRequestOutcome
{
    /// <summary>The request was stored.</summary>
    Created,

    /// <summary>
    /// The same submission was stored before (same intake key, or same request id and intake key):
    /// <see cref="CreateRequestResult.Request"/> is the stored one and nothing was written.
    /// </summary>
    Duplicate,

    /// <summary>The request id is taken by a different submission (another intake key); nothing was written.</summary>
    RequestIdTaken,
}

/// <summary>The outcome of <see cref="IRequestStore.CreateAsync"/>; <see cref="Request"/> is what is stored now.</summary>
public sealed record CreateRequestResult(CreateRequestOutcome Outcome, ErasureRequest Request);

/// <summary>One page of a query. <see cref="ContinuationToken"/> is opaque and null on the last page.</summary>
public sealed record RequestPage(IReadOnlyList<ErasureRequest> Items, string? ContinuationToken);

/// <summary>A continuation token that is malformed or belongs to another query.</summary>
public sealed class InvalidContinuationTokenException : ArgumentException
{
    public InvalidContinuationTokenException()
        : base("The continuation token is not valid for this query; start again without one.")
    {
    }

    public InvalidContinuationTokenException(string message)
        : base(message)
    {
    }

    public InvalidContinuationTokenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Storage of erasure requests, shaped for DynamoDB: one item per request, every change a single-item
/// conditional write on <see cref="ErasureRequest.Version"/>, queries served by the table's sparse
/// indexes (OpenByDeadline, ByStatus, BySubjectHash). Implementations store the record as given and
/// hold no rules of their own beyond the conditions below.
/// </summary>
/// <remarks>
/// <para>Paging: <c>pageSize</c> is 1..<see cref="MaxPageSize"/>; a page may hold fewer items than asked even when
/// more follow (as DynamoDB's do); pass the returned token to get the next page. A token from one query is
/// refused by another (<see cref="InvalidContinuationTokenException"/>).</para>
/// <para>Ordering is total (ties broken by request id) so pages never repeat or skip an item that did not change.</para>
/// </remarks>
public interface IRequestStore
{
    public const int MaxPageSize = 1000;

    /// <summary>
    /// Stores a new request (its <see cref="ErasureRequest.Version"/> must be 1) unless the same submission exists:
    /// a stored request with the same <see cref="ErasureRequest.IntakeKey"/> (whatever its id) is a
    /// <see cref="CreateRequestOutcome.Duplicate"/>; the same request id with another intake key is
    /// <see cref="CreateRequestOutcome.RequestIdTaken"/>. Atomic: two concurrent creates of one submission store one.
    /// (DynamoDB: a transaction putting the request and an intake-key marker, both attribute_not_exists.)
    /// </summary>
    Task<CreateRequestResult> CreateAsync(ErasureRequest request, CancellationToken cancellationToken = default);

    /// <summary>The request, strongly consistent; null when there is none.</summary>
    Task<ErasureRequest?> GetAsync(string requestId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the stored request with <paramref name="updated"/> only if the stored version is still
    /// <paramref name="expectedVersion"/>; <paramref name="updated"/>'s version must be <paramref name="expectedVersion"/> + 1
    /// (otherwise <see cref="ArgumentException"/>). False when the request is missing or another writer got there first:
    /// read it again and re-apply the change.
    /// </summary>
    Task<bool> TryReplaceAsync(ErasureRequest updated, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Open requests (<see cref="ErasureRequest.IsOpen"/>) by <see cref="DeadlineState.DueDate"/> ascending, so overdue
    /// ones come first; requests without a due date (clock stopped) come last; ties by request id.
    /// </summary>
    Task<RequestPage> QueryOpenByDeadlineAsync(int pageSize, string? continuationToken = null, CancellationToken cancellationToken = default);

    /// <summary>Requests in <paramref name="status"/>, by <see cref="ErasureRequest.ReceivedAt"/> ascending, ties by request id.</summary>
    Task<RequestPage> QueryByStatusAsync(RequestStatus status, int pageSize, string? continuationToken = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Requests whose <see cref="ErasureRequest.SubjectHashes"/> contain <paramref name="subjectHash"/>, by
    /// <see cref="ErasureRequest.ReceivedAt"/> ascending, ties by request id.
    /// </summary>
    Task<RequestPage> QueryBySubjectHashAsync(string subjectHash, int pageSize, string? continuationToken = null, CancellationToken cancellationToken = default);
}
