using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Functions.Tests.Support;

/// <summary>A connector whose answer the test decides (or that fails when <see cref="Failure"/> is set); counts calls.</summary>
internal sealed class TestConnector(string name, Func<ErasureContext, ConnectorResult> erase) : IErasureConnector
{
    public string Name { get; } = name;

    public int Calls { get; private set; }

    public Exception? Failure { get; set; }

    public Task<ConnectorResult> EraseAsync(ErasureContext context, CancellationToken cancellationToken = default)
    {
        Calls++;
        return Failure is { } failure ? Task.FromException<ConnectorResult>(failure) : Task.FromResult(erase(context));
    }
}
