using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Erasure.Tests.Ports;

public sealed class InMemoryRequestStoreTests : RequestStoreContractTests
{
    protected override IRequestStore CreateStore() => new InMemoryRequestStore();
}
