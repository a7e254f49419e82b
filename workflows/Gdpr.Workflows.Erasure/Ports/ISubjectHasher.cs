using Gdpr.Workflows.Erasure.Subjects;

namespace Gdpr.Workflows.Erasure.Ports;

/// <summary>
/// The keyed hash of a subject identifier that stores and audit events refer to the subject by:
/// locally <see cref="SubjectHasher"/> (HMAC with a pepper), in AWS a KMS HMAC key (GenerateMac).
/// </summary>
public interface ISubjectHasher
{
    /// <summary>64 lowercase hex digits; the same identifier always gives the same hash.</summary>
    ValueTask<string> HashAsync(SubjectIdentifier identifier, CancellationToken cancellationToken = default);
}

/// <summary>The in-process <see cref="ISubjectHasher"/>: <see cref="SubjectHasher"/> with a local pepper.</summary>
public sealed class PepperedSubjectHasher(SubjectHasher hasher) : ISubjectHasher
{
    public ValueTask<string> HashAsync(SubjectIdentifier identifier, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(hasher.Hash(identifier));
}
