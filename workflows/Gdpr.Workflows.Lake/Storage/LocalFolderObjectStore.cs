using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Gdpr.Workflows.Lake.Storage;

/// <summary>
/// The lake as a local folder (the demo, a laptop): a key is a relative path. The ETag is the content's SHA-256, and a
/// replacement is checked and swapped under one lock and an atomic rename, so the file is always the old or the new
/// bytes, never a partial write. A folder has no versions: nothing older than the current file remains.
/// </summary>
public sealed class LocalFolderObjectStore(string root) : IObjectStore
{
    private readonly Lock _gate = new();

    public async IAsyncEnumerable<StoredObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(root))
        {
            yield break;
        }

        var keys = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(key => key.StartsWith(prefix, StringComparison.Ordinal) && !key.Contains(".gdpr-tmp", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // A listing does not read the files: its ETag is weak (size and time); conditional writes use GetAsync's.
            var info = Resolved(PathOf(key));
            await Task.Yield();
            yield return new StoredObject(key, info.Length, WeakETagOf(info), null);
        }
    }

    public async Task<ObjectContent> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            var bytes = await File.ReadAllBytesAsync(PathOf(key), cancellationToken);
            return new ObjectContent(new StoredObject(key, bytes.Length, ETagOf(bytes), null), bytes);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ObjectChangedException(key, e);
        }
    }

    public async Task<byte[]> GetRangeAsync(StoredObject stored, long offset, int length, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var path = PathOf(stored.Key);
        try
        {
            var bytes = new byte[length];
            using (var handle = File.OpenHandle(path))
            {
                var read = 0;
                while (read < length)
                {
                    var n = await RandomAccess.ReadAsync(handle, bytes.AsMemory(read), offset + read, cancellationToken);
                    if (n == 0)
                    {
                        throw new ObjectChangedException(stored.Key);
                    }

                    read += n;
                }
            }

            // A replacement is an atomic rename that changes the size or the time: checked after reading, a file
            // still as listed means the bytes read were that version's.
            if (WeakETagOf(Resolved(path)) != stored.ETag)
            {
                throw new ObjectChangedException(stored.Key);
            }

            return bytes;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ObjectChangedException(stored.Key, e);
        }
    }

    public Task<StoredObject> ReplaceAsync(string key, byte[] bytes, string expectedETag, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        var temporary = path + ".gdpr-tmp";
        File.WriteAllBytes(temporary, bytes);
        lock (_gate)
        {
            if (!File.Exists(path) || ETagOf(File.ReadAllBytes(path)) != expectedETag)
            {
                File.Delete(temporary);
                throw new ObjectChangedException(key);
            }

            File.Move(temporary, path, overwrite: true);
        }

        return Task.FromResult(new StoredObject(key, bytes.Length, ETagOf(bytes), null));
    }

    public Task<int> DeleteVersionsBeforeAsync(string key, string? versionId, CancellationToken cancellationToken = default) => Task.FromResult(0);

    public Task DeleteVersionAsync(string key, string versionId, CancellationToken cancellationToken = default) => Task.CompletedTask;

    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(root, key));
        return path.StartsWith(Path.GetFullPath(root), StringComparison.Ordinal)
            ? path
            : throw new ArgumentException("The key leaves the lake's folder.", nameof(key));
    }

    /// <summary>The file itself, or the file a link points to (a lake folder may link to files kept elsewhere).</summary>
    private static FileInfo Resolved(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
    }

    private static string WeakETagOf(FileInfo info) => $"W/\"{info.Length:x}-{info.LastWriteTimeUtc.Ticks:x}\"";

    private static string ETagOf(byte[] bytes) => "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes)) + "\"";
}
