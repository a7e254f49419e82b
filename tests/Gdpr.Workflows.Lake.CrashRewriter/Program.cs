using System.Globalization;
using Amazon.Runtime;
using Amazon.S3;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Lake.Erasing;
using Gdpr.Workflows.Lake.Storage;

// Usage: Gdpr.Workflows.Lake.CrashRewriter folder <root> <first> <count>
//        Gdpr.Workflows.Lake.CrashRewriter s3 <endpoint> <bucket> <first> <count>
// Erases customers c-<first> .. c-<first+count-1> from the Parquet objects under orders/, one customer per batch (so
// every batch rewrites every object), printing "ready" at the start and "erased c-NNNNN" after each batch, "done" at
// the end. The test kills it with SIGKILL at random moments and checks every object is the old or the new bytes.
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: Gdpr.Workflows.Lake.CrashRewriter folder <root> <first> <count> | s3 <endpoint> <bucket> <first> <count>");
    return 2;
}

IObjectStore store;
string bucket;
int next;
if (args[0] == "s3")
{
    var client = new AmazonS3Client(new BasicAWSCredentials("test", "test"), new AmazonS3Config
    {
        ServiceURL = args[1],
        ForcePathStyle = true,
        AuthenticationRegion = "eu-west-2",
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });
    bucket = args[2];
    store = new S3ObjectStore(client, bucket);
    next = 3;
}
else
{
    bucket = "local";
    store = new LocalFolderObjectStore(args[1]);
    next = 2;
}

var first = int.Parse(args[next], CultureInfo.InvariantCulture);
var count = int.Parse(args[next + 1], CultureInfo.InvariantCulture);
var lake = new DataLakeDefinition(bucket, ["orders/"], LakeFileFormat.Parquet, LakeCompression.None, [new("customer_id", SubjectIdentifierKind.CustomerId)], []);
var eraser = new LakeEraser(store, lake) { ScanParallelism = 1 };
Console.WriteLine("ready");
for (var i = first; i < first + count; i++)
{
    var id = $"c-{i:D5}";
    await eraser.EraseAsync($"crash-{i}", [new LakeSubject($"req-{i}", SubjectIdentifiers.Of(SubjectIdentifier.CustomerId(id)))]);
    Console.WriteLine($"erased {id}");
}

Console.WriteLine("done");
return 0;
