using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Erasure.Vault;

namespace Gdpr.Workflows.Lake.Erasing;

/// <summary>Where the lake worker gets a request's identifiers: a task carries only the request id.</summary>
public interface ISubjectLookup
{
    /// <exception cref="ErasureException">The identifiers are gone (<see cref="ErasureErrorTypes.SubjectUnavailable"/>).</exception>
    Task<SubjectIdentifiers> GetAsync(string requestId, CancellationToken cancellationToken = default);
}

/// <summary>Reads the identifiers from the subject vault, inside the trust boundary.</summary>
public sealed class VaultSubjectLookup(SubjectVault vault) : ISubjectLookup
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
