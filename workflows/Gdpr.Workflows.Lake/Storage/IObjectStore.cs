namespace Gdpr.Workflows.Lake.Storage;

/// <summary>An object's current version as listed: <see cref="ETag"/> is what a conditional write must match.</summary>
public sealed record StoredObject(string Key, long Size, string ETag, string? VersionId);

/// <summary>An object's bytes with the version they were read at.</summary>
public sealed record ObjectContent(StoredObject Stored, byte[] Bytes);

/// <summary>The object changed (or vanished) since it was read: its ETag no longer matches.</summary>
public sealed class ObjectChangedException(string key, Exception? inner = null)
    : Exception($"The object '{key}' changed since it was read; its conditional write was refused.", inner)
{
    public string Key { get; } = key;
}

/// <summary>
/// The data lake's object store, as the eraser needs it: list, read, replace only if unchanged, and remove earlier
/// versions. Adapters: S3 (<see cref="S3ObjectStore"/>) and a local folder (<see cref="LocalFolderObjectStore"/>).
/// </summary>
public interface IObjectStore
{
    /// <summary>Every current object whose key starts with <paramref name="prefix"/>, in key order.</summary>
    IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <exception cref="ObjectChangedException">The object is gone.</exception>
    Task<ObjectContent> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// <paramref name="length"/> bytes from <paramref name="offset"/> of the version <paramref name="stored"/> was
    /// listed at (S3: a ranged GET with If-Match), so that ranges read one by one all come from one version.
    /// </summary>
    /// <exception cref="ObjectChangedException">The object is gone or is no longer that version.</exception>
    Task<byte[]> GetRangeAsync(StoredObject stored, long offset, int length, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the object only while its current ETag is <paramref name="expectedETag"/> (S3: PUT with If-Match), and
    /// returns the new version.
    /// </summary>
    /// <exception cref="ObjectChangedException">Someone wrote the object since it was read.</exception>
    Task<StoredObject> ReplaceAsync(string key, byte[] bytes, string expectedETag, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes every version of the object older than <paramref name="versionId"/> (ours), so the erased rows are gone
    /// for good; a version written after ours is someone else's and stays. Returns how many went.
    /// </summary>
    Task<int> DeleteVersionsBeforeAsync(string key, string? versionId, CancellationToken cancellationToken = default);

    /// <summary>Removes one version (a rollback undoing our own write); a store without versions restores nothing here.</summary>
    Task DeleteVersionAsync(string key, string versionId, CancellationToken cancellationToken = default);
}
