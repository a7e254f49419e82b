using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Subjects;

namespace Gdpr.Workflows.Erasure.Vault;

/// <summary>
/// Where an async system's adapter (the support desk, the lake worker) gets the subject's identifiers: an erasure task
/// carries only the request id.
/// </summary>
public interface ISubjectSource
{
    /// <exception cref="ErasureException">The identifiers are gone (<see cref="ErasureErrorTypes.SubjectUnavailable"/>).</exception>
    Task<SubjectIdentifiers> GetAsync(string requestId, CancellationToken cancellationToken = default);
}

/// <summary>Reads the identifiers from the subject vault, as an adapter inside the trust boundary does.</summary>
public sealed class VaultSubjectSource(SubjectVault vault) : ISubjectSource
{
    public async Task<SubjectIdentifiers> GetAsync(string requestId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await vault.OpenAsync(requestId, cancellationToken);
        }
        catch (SubjectVaultException e)
        {
            throw new ErasureException(ErasureErrorKind.Failed, ErasureErrorTypes.SubjectUnavailable,
                $"The identifiers of request {requestId} cannot be read from the vault ({e.Failure}).", e);
        }
    }
}
