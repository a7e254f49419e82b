using System.Text;
using Gdpr.Workflows.TestSupport.Http;

namespace Gdpr.Workflows.Benchmarks.ColdStart;

/// <summary>
/// A sync system's erase endpoint on loopback for the SyncErase function: answers every POST with
/// <c>{"outcome": "erased", "reference": "coldstart-N"}</c>, as a system that erased the subject would.
/// </summary>
internal sealed class ConnectorEndpoint : IAsyncDisposable
{
    private readonly LoopbackHttpServer _server;
    private int _served;

    public ConnectorEndpoint()
    {
        _server = new LoopbackHttpServer((_, _) => Task.FromResult(new LoopbackHttpResponse(
            200,
            [new("Content-Type", "application/json")],
            Encoding.UTF8.GetBytes($$"""{"outcome":"erased","reference":"coldstart-{{Interlocked.Increment(ref _served)}}"}"""))));
        Url = new Uri(_server.Url, "erase");
    }

    public Uri Url { get; }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
