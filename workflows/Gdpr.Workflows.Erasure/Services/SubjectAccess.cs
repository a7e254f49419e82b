using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Erasure.Vault;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>Opens a request's identifiers in the vault, turning vault failures into the workflow's error names.</summary>
internal static class SubjectAccess
{
    public static async Task<SubjectIdentifiers> OpenAsync(SubjectVault vault, string requestId, CancellationToken cancellationToken)
    {
        try
        {
            return await vault.OpenAsync(requestId, cancellationToken);
        }
        catch (SubjectVaultException e) when (e.Failure is SubjectVaultFailure.NotFound or SubjectVaultFailure.Shredded)
        {
            throw new ErasureException(ErasureErrorKind.Failed, ErasureErrorTypes.SubjectUnavailable,
                $"The identifiers of request {requestId} are not in the vault ({e.Failure}).", e);
        }
        catch (SubjectVaultException e)
        {
            throw new ErasureException(ErasureErrorKind.Failed, ErasureErrorTypes.VaultIntegrity,
                $"The vault entry of request {requestId} failed its integrity check.", e);
        }
    }
}
