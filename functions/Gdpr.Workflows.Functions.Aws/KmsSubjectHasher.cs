using System.Text;
using Gdpr.Workflows.Aws;
using Gdpr.Workflows.Aws.Kms;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Subjects;

namespace Gdpr.Workflows.Functions.Aws;

/// <summary>
/// The subject hash in AWS: HMAC-SHA256 of the identifier's canonical form ("kind:normalised value", as the local
/// <see cref="SubjectHasher"/> hashes) computed by KMS GenerateMac under the HMAC key SUBJECT_HASH_KEY_ID, so the key
/// never leaves KMS and a guessed email cannot be hashed without a KMS permission. 64 lowercase hex digits.
/// </summary>
public sealed class KmsSubjectHasher(KmsClient kms, string keyId) : ISubjectHasher
{
    public const string MacAlgorithm = "HMAC_SHA_256";

    public async ValueTask<string> HashAsync(SubjectIdentifier identifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        try
        {
            var result = await kms.GenerateMacAsync(
                new KmsGenerateMacRequest { KeyId = keyId, Message = Encoding.UTF8.GetBytes(identifier.CanonicalForm), MacAlgorithm = MacAlgorithm },
                cancellationToken);
            return Convert.ToHexStringLower(result.Mac);
        }
        catch (AwsServiceException e) when (e.IsTransient)
        {
            throw new TransientErasureException($"KMS is temporarily unavailable ({e.ErrorCode}).", e);
        }
    }
}
