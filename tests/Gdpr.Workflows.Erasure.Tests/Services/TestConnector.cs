using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Erasure.Tests.Services;

/// <summary>A connector whose answer the test decides; records what it was asked.</summary>
internal sealed class TestConnector(string name, Func<ErasureContext, ConnectorResult> erase) : IErasureConnector
{
    public string Name { get; } = name;

    public List<ErasureContext> Calls { get; } = [];

    public Task<ConnectorResult> EraseAsync(ErasureContext context, CancellationToken cancellationToken = default)
    {
        Calls.Add(context);
        return Task.FromResult(erase(context));
    }
}
