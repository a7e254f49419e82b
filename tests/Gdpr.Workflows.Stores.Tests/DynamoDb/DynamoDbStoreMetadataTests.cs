using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Stores.DynamoDb;

namespace Gdpr.Workflows.Stores.Tests.DynamoDb;

public class DynamoDbStoreMetadataTests
{
    [Fact]
    public void Prepare_RequestDocument_ReachesEveryNestedType()
    {
        var prepared = DynamoDbStoreMetadata.Prepare();

        prepared.Should().Contain([
            typeof(ErasureRequest), typeof(IdentityVerification), typeof(DeadlineState), typeof(SystemErasureState),
            typeof(FinalOutcome), typeof(ErasureCounts), typeof(RequestStatus), typeof(DateTimeOffset),
        ]);
    }

    [Fact]
    public void Prepare_CalledFromManyThreadsAtOnce_PreparesTheSameTypes()
    {
        var results = Enumerable.Range(0, 8).AsParallel().Select(_ => DynamoDbStoreMetadata.Prepare().ToHashSet()).ToList();

        results.Should().AllSatisfy(types => types.Should().BeEquivalentTo(results[0]));
    }
}
