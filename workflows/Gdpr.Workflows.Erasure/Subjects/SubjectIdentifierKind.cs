namespace Gdpr.Workflows.Erasure.Subjects;

/// <summary>What a subject identifier names the data subject by.</summary>
public enum SubjectIdentifierKind
{
    Email,
    CustomerId,
    Phone,

    /// <summary>A free-form identifier under a caller-chosen key (loyalty number, account handle, ...).</summary>
    Keyed,
}
