namespace Gdpr.Workflows.Erasure.Subjects;

/// <summary>
/// A subject identifier that cannot be normalised. The message says why but never repeats the
/// rejected value: it is personal data and exceptions end up in logs.
/// </summary>
public sealed class InvalidSubjectIdentifierException : FormatException
{
    public InvalidSubjectIdentifierException(SubjectIdentifierKind kind, string reason)
        : base($"Invalid {Describe(kind)}: {reason}")
    {
        Kind = kind;
        Reason = reason;
    }

    public InvalidSubjectIdentifierException()
    {
        Reason = string.Empty;
    }

    public InvalidSubjectIdentifierException(string message)
        : base(message)
    {
        Reason = message;
    }

    public InvalidSubjectIdentifierException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    public SubjectIdentifierKind Kind { get; }

    /// <summary>Why the value was rejected, without the value itself.</summary>
    public string Reason { get; }

    private static string Describe(SubjectIdentifierKind kind) => kind switch
    {
        SubjectIdentifierKind.Email => "email address",
        SubjectIdentifierKind.CustomerId => "customer id",
        SubjectIdentifierKind.Phone => "phone number",
        _ => "keyed identifier",
    };
}
