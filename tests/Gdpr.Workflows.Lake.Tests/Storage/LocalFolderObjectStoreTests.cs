using Gdpr.Workflows.Lake.Storage;

namespace Gdpr.Workflows.Lake.Tests.Storage;

public sealed class LocalFolderObjectStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("gdpr-lake-folder-").FullName;

    [Fact]
    public async Task GetRangeAsync_FileAsListed_ReturnsThoseBytes()
    {
        await File.WriteAllBytesAsync(Path.Combine(_root, "a.bin"), Enumerable.Range(0, 256).Select(i => (byte)i).ToArray());
        var store = new LocalFolderObjectStore(_root);
        var listed = await store.ListAsync(string.Empty).SingleAsync();

        var bytes = await store.GetRangeAsync(listed, 10, 5);

        bytes.Should().Equal(10, 11, 12, 13, 14);
    }

    [Fact]
    public async Task ListAsync_LinkToAFileElsewhere_ListsTheFilesSizeAndReadsItsBytes()
    {
        var elsewhere = Path.Combine(Path.GetTempPath(), $"gdpr-lake-linked-{Guid.NewGuid():N}.bin");
        await File.WriteAllBytesAsync(elsewhere, Enumerable.Range(0, 200).Select(i => (byte)i).ToArray());
        try
        {
            File.CreateSymbolicLink(Path.Combine(_root, "a.bin"), elsewhere);
            var store = new LocalFolderObjectStore(_root);

            var listed = await store.ListAsync(string.Empty).SingleAsync();

            listed.Size.Should().Be(200);
            (await store.GetRangeAsync(listed, 195, 5)).Should().Equal(195, 196, 197, 198, 199);
        }
        finally
        {
            File.Delete(elsewhere);
        }
    }

    [Fact]
    public async Task GetRangeAsync_FileReplacedSinceTheListing_ThrowsObjectChanged()
    {
        var path = Path.Combine(_root, "a.bin");
        await File.WriteAllBytesAsync(path, new byte[256]);
        var store = new LocalFolderObjectStore(_root);
        var listed = await store.ListAsync(string.Empty).SingleAsync();
        await File.WriteAllBytesAsync(path, new byte[300]);

        var read = async () => await store.GetRangeAsync(listed, 0, 10);

        (await read.Should().ThrowAsync<ObjectChangedException>()).Which.Key.Should().Be("a.bin");
    }

    [Fact]
    public async Task GetRangeAsync_FileGone_ThrowsObjectChanged()
    {
        var path = Path.Combine(_root, "a.bin");
        await File.WriteAllBytesAsync(path, new byte[256]);
        var store = new LocalFolderObjectStore(_root);
        var listed = await store.ListAsync(string.Empty).SingleAsync();
        File.Delete(path);

        var read = async () => await store.GetRangeAsync(listed, 0, 10);

        await read.Should().ThrowAsync<ObjectChangedException>();
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
