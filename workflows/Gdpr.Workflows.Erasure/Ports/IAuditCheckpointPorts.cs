using Gdpr.Workflows.Erasure.Audit;

namespace Gdpr.Workflows.Erasure.Ports;

/// <summary>
/// Signs and checks audit checkpoints with a key only the checkpointer (and the auditor) uses: locally an HMAC key
/// in its own file, on AWS a KMS HMAC key whose GenerateMac only the checkpointer's role is granted.
/// </summary>
public interface IAuditCheckpointSigner
{
    Task<byte[]> SignAsync(byte[] content, CancellationToken cancellationToken = default);

    Task<bool> VerifyAsync(byte[] content, byte[] signature, CancellationToken cancellationToken = default);
}

/// <summary>Where signed checkpoints are kept, write-once (locally a directory; on AWS an S3 bucket under Object Lock).</summary>
public interface IAuditCheckpointStore
{
    Task WriteAsync(SignedAuditCheckpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>Every stored checkpoint, oldest first.</summary>
    Task<IReadOnlyList<SignedAuditCheckpoint>> ReadAllAsync(CancellationToken cancellationToken = default);
}
