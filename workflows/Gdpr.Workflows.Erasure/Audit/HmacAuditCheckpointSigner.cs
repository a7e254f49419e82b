using System.Security.Cryptography;
using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Erasure.Audit;

/// <summary>HMAC-SHA256 over a checkpoint's content, under a key the caller reads from where only the checkpointer can.</summary>
public sealed class HmacAuditCheckpointSigner : IAuditCheckpointSigner
{
    private readonly byte[] _key;

    public HmacAuditCheckpointSigner(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(key.Length, 16, nameof(key));
        _key = key;
    }

    public Task<byte[]> SignAsync(byte[] content, CancellationToken cancellationToken = default) =>
        Task.FromResult(HMACSHA256.HashData(_key, content));

    public Task<bool> VerifyAsync(byte[] content, byte[] signature, CancellationToken cancellationToken = default) =>
        Task.FromResult(CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_key, content), signature));
}
