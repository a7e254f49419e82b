namespace Gdpr.Workflows.Erasure.Vault;

/// <summary>Why the vault refused an operation.</summary>
public enum SubjectVaultFailure
{
    /// <summary>Nothing was ever sealed under the request id (or it was purged).</summary>
    NotFound,

    /// <summary>The request's data key was destroyed: its identifiers are gone for good.</summary>
    Shredded,

    /// <summary>The record or wrapped key does not decrypt for this request: altered, or moved from another request.</summary>
    IntegrityFailure,

    /// <summary>Different identifiers are already sealed under the request id.</summary>
    AlreadySealed,
}

/// <summary>A vault operation that cannot be done; <see cref="Failure"/> says why. Never carries identifiers.</summary>
public sealed class SubjectVaultException : Exception
{
    public SubjectVaultException(SubjectVaultFailure failure, string requestId, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        RequestId = requestId;
    }

    public SubjectVaultException()
    {
        RequestId = string.Empty;
    }

    public SubjectVaultException(string message)
        : base(message)
    {
        RequestId = string.Empty;
    }

    public SubjectVaultException(string message, Exception innerException)
        : base(message, innerException)
    {
        RequestId = string.Empty;
    }

    public SubjectVaultFailure Failure { get; }

    public string RequestId { get; }
}
