using System.Net;
using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;

namespace Gdpr.Workflows.Lake.Storage;

/// <summary>
/// The lake on S3 (or moto_server): a versioned bucket. Replacement is a PUT with <c>If-Match</c> on the ETag read,
/// so a writer that changed the object in between makes it fail (412) instead of being overwritten.
/// </summary>
public sealed class S3ObjectStore(IAmazonS3 s3, string bucket) : IObjectStore
{
    public async IAsyncEnumerable<StoredObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix };
        do
        {
            var page = await s3.ListObjectsV2Async(request, cancellationToken);
            foreach (var item in page.S3Objects ?? [])
            {
                if (!item.Key.EndsWith('/'))
                {
                    yield return new StoredObject(item.Key, item.Size ?? 0, item.ETag, null);
                }
            }

            request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);
    }

    public async Task<ObjectContent> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, cancellationToken);
            using var buffer = new MemoryStream(response.ContentLength > 0 ? (int)response.ContentLength : 0);
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken);
            return new ObjectContent(new StoredObject(key, buffer.Length, response.ETag, response.VersionId), buffer.ToArray());
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ObjectChangedException(key, e);
        }
    }

    public async Task<byte[]> GetRangeAsync(StoredObject stored, long offset, int length, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stored);
        try
        {
            using var response = await s3.GetObjectAsync(new GetObjectRequest
            {
                BucketName = bucket,
                Key = stored.Key,
                ByteRange = new ByteRange(offset, offset + length - 1),
                EtagToMatch = stored.ETag,
            }, cancellationToken);
            var bytes = new byte[length];
            await response.ResponseStream.ReadExactlyAsync(bytes, cancellationToken);
            return bytes;
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound or HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            throw new ObjectChangedException(stored.Key, e);
        }
        catch (EndOfStreamException e)
        {
            // Fewer bytes than asked: the object is shorter than the listing said.
            throw new ObjectChangedException(stored.Key, e);
        }
    }

    public async Task<StoredObject> ReplaceAsync(string key, byte[] bytes, string expectedETag, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = bucket,
                Key = key,
                InputStream = new MemoryStream(bytes, writable: false),
                IfMatch = expectedETag,
            }, cancellationToken);
            return new StoredObject(key, bytes.Length, response.ETag, response.VersionId);
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict or HttpStatusCode.NotFound)
        {
            throw new ObjectChangedException(key, e);
        }
    }

    public async Task<int> DeleteVersionsBeforeAsync(string key, string? versionId, CancellationToken cancellationToken = default)
    {
        // S3 lists a key's versions newest first: everything after ours in that order is older.
        var older = new List<string>();
        var passed = false;
        var request = new ListVersionsRequest { BucketName = bucket, Prefix = key };
        do
        {
            var page = await s3.ListVersionsAsync(request, cancellationToken);
            foreach (var version in page.Versions ?? [])
            {
                if (version.Key != key)
                {
                    continue; // the prefix also lists "key2"
                }

                if (passed)
                {
                    older.Add(version.VersionId);
                }

                passed |= version.VersionId == versionId;
            }

            request.KeyMarker = page.IsTruncated == true ? page.NextKeyMarker : null;
            request.VersionIdMarker = page.IsTruncated == true ? page.NextVersionIdMarker : null;
        }
        while (request.KeyMarker is not null);
        foreach (var old in older)
        {
            await s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = key, VersionId = old }, cancellationToken);
        }

        return older.Count;
    }

    public Task DeleteVersionAsync(string key, string versionId, CancellationToken cancellationToken = default) =>
        s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = key, VersionId = versionId }, cancellationToken);
}
