using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Local;

/// <summary>
/// Audit checkpoints of the local installation: HMAC-SHA256 under <see cref="GdprHome.CheckpointKeyFile"/> (a key the
/// engine, the stores and <c>gdpr serve</c> never open), each checkpoint a pair of files in
/// <see cref="GdprHome.CheckpointsDirectory"/>: <c>NAME.heads</c> (the signed text) and <c>NAME.sig</c> (the MAC, hex).
/// Whoever can read the key file can forge a checkpoint: keep it, or a copy of the checkpoints, where the stores'
/// operators cannot write (on AWS the key is a KMS key and the bucket is under Object Lock).
/// </summary>
public sealed class LocalAuditCheckpoints : IAuditCheckpointSigner, IAuditCheckpointStore
{
    private const string HeadsExtension = ".heads";
    private const string SignatureExtension = ".sig";
    private readonly Lazy<byte[]> _key;
    private readonly string _directory;

    private LocalAuditCheckpoints(Func<byte[]> key, string directory)
    {
        _key = new Lazy<byte[]>(key);
        _directory = directory;
    }

    /// <summary>For the checkpointer: creates the key on first use.</summary>
    public static LocalAuditCheckpoints ForCheckpointer(GdprHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        return new LocalAuditCheckpoints(() => SecretFile.ReadOrCreate(home.CheckpointKeyFile, 32), home.CheckpointsDirectory);
    }

    /// <summary>For the verifier: null when no checkpoint was ever taken (no key, no checkpoints); never creates a key.</summary>
    public static LocalAuditCheckpoints? ForVerifier(GdprHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        var anyCheckpoint = Directory.Exists(home.CheckpointsDirectory) && Directory.EnumerateFiles(home.CheckpointsDirectory, "*" + HeadsExtension).Any();
        if (!File.Exists(home.CheckpointKeyFile) && !anyCheckpoint)
        {
            return null;
        }

        // Checkpoints without their key cannot vouch for anything: a missing key verifies nothing (every one reads as forged).
        return new LocalAuditCheckpoints(() => File.Exists(home.CheckpointKeyFile) ? SecretFile.ReadOrCreate(home.CheckpointKeyFile, 32) : [], home.CheckpointsDirectory);
    }

    public Task<byte[]> SignAsync(byte[] content, CancellationToken cancellationToken = default) =>
        new HmacAuditCheckpointSigner(_key.Value).SignAsync(content, cancellationToken);

    public Task<bool> VerifyAsync(byte[] content, byte[] signature, CancellationToken cancellationToken = default) =>
        _key.Value.Length == 0 ? Task.FromResult(false) : new HmacAuditCheckpointSigner(_key.Value).VerifyAsync(content, signature, cancellationToken);

    public Task WriteAsync(SignedAuditCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        Directory.CreateDirectory(_directory);

        // The signature first, then the heads renamed into place: a reader never finds heads without their signature.
        WriteWhole(Path.Combine(_directory, checkpoint.Name + SignatureExtension), System.Text.Encoding.ASCII.GetBytes(Convert.ToHexStringLower(checkpoint.Signature) + "\n"));
        WriteWhole(Path.Combine(_directory, checkpoint.Name + HeadsExtension), checkpoint.Content);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SignedAuditCheckpoint>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(_directory))
        {
            return Task.FromResult<IReadOnlyList<SignedAuditCheckpoint>>([]);
        }

        var checkpoints = Directory.EnumerateFiles(_directory, "*" + HeadsExtension)
            .Order(StringComparer.Ordinal)
            .Select(path =>
            {
                var name = Path.GetFileNameWithoutExtension(path);
                var signaturePath = Path.Combine(_directory, name + SignatureExtension);
                var hex = File.Exists(signaturePath) ? File.ReadAllText(signaturePath).Trim() : string.Empty;
                var signature = hex.Length % 2 == 0 && hex.All(char.IsAsciiHexDigit) ? Convert.FromHexString(hex) : [];
                return new SignedAuditCheckpoint(name, File.ReadAllBytes(path), signature);
            })
            .ToList();
        return Task.FromResult<IReadOnlyList<SignedAuditCheckpoint>>(checkpoints);
    }

    private static void WriteWhole(string path, byte[] bytes)
    {
        var temporary = path + "." + Environment.ProcessId + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
