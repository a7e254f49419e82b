using Gdpr.Workflows.Erasure.Subjects;

namespace Gdpr.Workflows.Samples;

/// <summary>The identifiers a sample system can match on: normalised emails, E.164 phones and customer ids.</summary>
internal sealed record SubjectKeys(IReadOnlyList<string> Emails, IReadOnlyList<string> Phones, IReadOnlyList<string> CustomerIds)
{
    public static SubjectKeys Of(SubjectIdentifiers subject) => new(
        subject.OfKind(SubjectIdentifierKind.Email).Select(i => i.Value).ToList(),
        subject.OfKind(SubjectIdentifierKind.Phone).Select(i => i.Value).ToList(),
        subject.OfKind(SubjectIdentifierKind.CustomerId).Select(i => i.Value).ToList());
}
