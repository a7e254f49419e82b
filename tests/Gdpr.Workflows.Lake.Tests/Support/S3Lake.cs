using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Gdpr.Workflows.TestSupport.Moto;

namespace Gdpr.Workflows.Lake.Tests.Support;

/// <summary>moto_server's S3 on a loopback port for the class's tests; each test makes its own versioned bucket.</summary>
public sealed class S3Lake : IDisposable
{
    private readonly MotoServerProcess _moto = MotoServerProcess.Start();

    public S3Lake()
    {
        Client = new AmazonS3Client(new BasicAWSCredentials("test", "test"), new AmazonS3Config
        {
            ServiceURL = _moto.Endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = "eu-west-2",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });
    }

    public IAmazonS3 Client { get; }

    /// <summary>A new bucket with versioning on.</summary>
    public async Task<string> NewBucketAsync()
    {
        var name = "lake-" + Guid.NewGuid().ToString("N")[..12];
        await Client.PutBucketAsync(new PutBucketRequest { BucketName = name, BucketRegion = S3Region.EUWest2 });
        await Client.PutBucketVersioningAsync(new PutBucketVersioningRequest
        {
            BucketName = name,
            VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled },
        });
        return name;
    }

    public async Task PutAsync(string bucket, string key, byte[] bytes) =>
        await Client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = new MemoryStream(bytes) });

    public async Task<byte[]> GetAsync(string bucket, string key)
    {
        using var response = await Client.GetObjectAsync(bucket, key);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    public async Task<int> VersionCountAsync(string bucket, string key) =>
        (await Client.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket, Prefix = key })).Versions?.Count(v => v.Key == key) ?? 0;

    public void Dispose()
    {
        Client.Dispose();
        _moto.Dispose();
    }
}
