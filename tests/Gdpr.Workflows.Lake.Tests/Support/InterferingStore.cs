using Gdpr.Workflows.Lake.Storage;

namespace Gdpr.Workflows.Lake.Tests.Support;

/// <summary>
/// The real store with a hand in the middle: <see cref="BeforeReplace"/> runs before each conditional write (a
/// concurrent writer), <see cref="AfterReplace"/> after it (a cancellation between objects), <see cref="BeforeRangeRead"/>
/// before each ranged read (a writer between the listing and the scan). Calls are numbered from 1.
/// </summary>
public sealed class InterferingStore(IObjectStore inner) : IObjectStore
{
    private int _replaces;
    private int _rangeReads;

    public Func<string, int, Task>? BeforeRangeRead { get; init; }

    public Func<string, int, Task>? BeforeReplace { get; init; }

    public Action<string, int>? AfterReplace { get; init; }

    public IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);

    public Task<ObjectContent> GetAsync(string key, CancellationToken cancellationToken = default) => inner.GetAsync(key, cancellationToken);

    public async Task<byte[]> GetRangeAsync(StoredObject stored, long offset, int length, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var call = Interlocked.Increment(ref _rangeReads);
        if (BeforeRangeRead is { } before)
        {
            await before(stored.Key, call);
        }

        return await inner.GetRangeAsync(stored, offset, length, cancellationToken);
    }

    public async Task<StoredObject> ReplaceAsync(string key, byte[] bytes, string expectedETag, CancellationToken cancellationToken = default)
    {
        var call = Interlocked.Increment(ref _replaces);
        if (BeforeReplace is { } before)
        {
            await before(key, call);
        }

        var written = await inner.ReplaceAsync(key, bytes, expectedETag, cancellationToken);
        AfterReplace?.Invoke(key, call);
        return written;
    }

    public Task<int> DeleteVersionsBeforeAsync(string key, string? versionId, CancellationToken cancellationToken = default) => inner.DeleteVersionsBeforeAsync(key, versionId, cancellationToken);

    public Task DeleteVersionAsync(string key, string versionId, CancellationToken cancellationToken = default) => inner.DeleteVersionAsync(key, versionId, cancellationToken);
}
