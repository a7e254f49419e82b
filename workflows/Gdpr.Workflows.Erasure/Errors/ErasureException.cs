namespace Gdpr.Workflows.Erasure.Errors;

/// <summary>What kind of failure an <see cref="ErasureException"/> is; decides the API status and the CLI exit code.</summary>
public enum ErasureErrorKind
{
    /// <summary>The caller sent something malformed or against the rules of its shape (HTTP 400, exit 2).</summary>
    InvalidInput,

    /// <summary>The request, task or token does not exist (HTTP 404, exit 3).</summary>
    NotFound,

    /// <summary>The request's current state does not allow the action, or a token was reused (HTTP 409, exit 4).</summary>
    Conflict,

    /// <summary>A temporary failure: trying again later may succeed (the workflow retries "Erasure.TransientError").</summary>
    Transient,

    /// <summary>A permanent failure of the step (the workflow records the error name and moves on).</summary>
    Failed,
}

/// <summary>
/// A typed failure of a service. <see cref="ErrorType"/> is the Step Functions error name the functions report
/// (e.g. "Erasure.TransientError"); the message never holds personal data, since it ends up in the execution history.
/// </summary>
public class ErasureException : Exception
{
    public ErasureException(ErasureErrorKind kind, string errorType, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(errorType);
        Kind = kind;
        ErrorType = errorType;
    }

    public ErasureException()
        : this(ErasureErrorKind.Failed, ErasureErrorTypes.Failed, "The erasure step failed.")
    {
    }

    public ErasureException(string message)
        : this(ErasureErrorKind.Failed, ErasureErrorTypes.Failed, message)
    {
    }

    public ErasureException(string message, Exception innerException)
        : this(ErasureErrorKind.Failed, ErasureErrorTypes.Failed, message, innerException)
    {
    }

    public ErasureErrorKind Kind { get; }

    /// <summary>The error name a function reports for this failure.</summary>
    public string ErrorType { get; }

    /// <summary>The CLI exit code: 2 invalid input, 3 not found, 4 conflict, 1 otherwise.</summary>
    public int ExitCode => Kind switch
    {
        ErasureErrorKind.InvalidInput => 2,
        ErasureErrorKind.NotFound => 3,
        ErasureErrorKind.Conflict => 4,
        _ => 1,
    };
}

/// <summary>The caller's input is malformed; the message says which field and why (never echoing personal data).</summary>
public sealed class InvalidInputException : ErasureException
{
    public InvalidInputException(string message, Exception? innerException = null)
        : base(ErasureErrorKind.InvalidInput, ErasureErrorTypes.InvalidInput, message, innerException)
    {
    }

    public InvalidInputException()
        : this("The input is not valid.")
    {
    }

    public InvalidInputException(string message)
        : this(message, null)
    {
    }
}

/// <summary>The request (or task token) does not exist.</summary>
public sealed class NotFoundException : ErasureException
{
    public NotFoundException(string message, Exception? innerException = null)
        : base(ErasureErrorKind.NotFound, ErasureErrorTypes.NotFound, message, innerException)
    {
    }

    public NotFoundException()
        : this("Not found.")
    {
    }

    public NotFoundException(string message)
        : this(message, null)
    {
    }

    public static NotFoundException Request(string requestId) => new($"There is no erasure request {requestId}.");
}

/// <summary>The action does not fit the request's current state (or the token was used already).</summary>
public sealed class ConflictException : ErasureException
{
    public ConflictException(string message, Exception? innerException = null)
        : base(ErasureErrorKind.Conflict, ErasureErrorTypes.Conflict, message, innerException)
    {
    }

    public ConflictException()
        : this("The request's state does not allow this.")
    {
    }

    public ConflictException(string message)
        : this(message, null)
    {
    }
}

/// <summary>A temporary failure; reported as "Erasure.TransientError", which the workflow retries with backoff.</summary>
public sealed class TransientErasureException : ErasureException
{
    public TransientErasureException(string message, Exception? innerException = null)
        : base(ErasureErrorKind.Transient, ErasureErrorTypes.TransientError, message, innerException)
    {
    }

    public TransientErasureException()
        : this("A temporary failure; try again.")
    {
    }

    public TransientErasureException(string message)
        : this(message, null)
    {
    }
}
