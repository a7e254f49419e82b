using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Samples.Seeding;

namespace Gdpr.Workflows.Samples.Lake;

/// <summary>
/// The demo's data lake, bucket <c>retail-lake</c> as a local folder: the orders export in Parquet and the clickstream
/// in gzipped JSON lines (samples/lake-systems.yaml declares them). Seeded from the same generated customers as the
/// other sample systems; erased by the local host's lake workers, never by this class.
/// </summary>
public sealed class SampleLake
{
    public const string Bucket = "retail-lake";

    /// <param name="lakeFolder">The folder holding one folder per bucket (the host's lake folder).</param>
    public SampleLake(string lakeFolder)
    {
        BucketFolder = Path.Combine(lakeFolder, Bucket);
        Orders = new OrdersExport(BucketFolder);
        Clicks = new Clickstream(BucketFolder);
    }

    public string BucketFolder { get; }

    public OrdersExport Orders { get; }

    public Clickstream Clicks { get; }

    public IReadOnlyList<ISampleSystem> All => [Orders, Clicks];

    public async Task SeedAsync(SeededData data, DateOnly today, int seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        await Orders.WriteAsync(data.Orders, cancellationToken);
        await Clicks.WriteAsync(data.Customers, today, seed, cancellationToken);
    }
}
