using Gdpr.Workflows.Lake.Storage;
using Gdpr.Workflows.Lake.Tests.Support;

namespace Gdpr.Workflows.Lake.Tests.Storage;

/// <summary>The S3 adapter's ranged reads on moto_server: one version's bytes, or a clear refusal.</summary>
public sealed class S3ObjectStoreTests(S3Lake s3) : IClassFixture<S3Lake>
{
    [Fact]
    public async Task GetRangeAsync_ObjectAsListed_ReturnsThoseBytes()
    {
        var bucket = await s3.NewBucketAsync();
        await s3.PutAsync(bucket, "t/a.bin", Enumerable.Range(0, 256).Select(i => (byte)i).ToArray());
        var store = new S3ObjectStore(s3.Client, bucket);
        var listed = await store.ListAsync("t/").SingleAsync();

        var bytes = await store.GetRangeAsync(listed, 250, 6);

        bytes.Should().Equal(250, 251, 252, 253, 254, 255);
    }

    [Fact]
    public async Task GetRangeAsync_ObjectWrittenSinceTheListing_ThrowsObjectChanged()
    {
        var bucket = await s3.NewBucketAsync();
        await s3.PutAsync(bucket, "t/a.bin", new byte[256]);
        var store = new S3ObjectStore(s3.Client, bucket);
        var listed = await store.ListAsync("t/").SingleAsync();
        await s3.PutAsync(bucket, "t/a.bin", Enumerable.Repeat((byte)1, 256).ToArray());

        var read = async () => await store.GetRangeAsync(listed, 0, 10);

        (await read.Should().ThrowAsync<ObjectChangedException>()).Which.Key.Should().Be("t/a.bin");
    }

    [Fact]
    public async Task GetRangeAsync_ObjectDeleted_ThrowsObjectChanged()
    {
        var bucket = await s3.NewBucketAsync();
        await s3.PutAsync(bucket, "t/a.bin", new byte[256]);
        var store = new S3ObjectStore(s3.Client, bucket);
        var listed = await store.ListAsync("t/").SingleAsync();
        await s3.Client.DeleteObjectAsync(bucket, "t/a.bin");

        var read = async () => await store.GetRangeAsync(listed, 0, 10);

        await read.Should().ThrowAsync<ObjectChangedException>();
    }
}
