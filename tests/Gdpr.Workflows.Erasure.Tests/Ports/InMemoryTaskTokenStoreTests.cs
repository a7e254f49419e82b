using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Erasure.Tests.Ports;

public sealed class InMemoryTaskTokenStoreTests : TaskTokenStoreContractTests
{
    protected override ITaskTokenStore CreateStore() => new InMemoryTaskTokenStore();
}
