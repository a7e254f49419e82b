namespace Gdpr.Workflows.WebConsole.Tests.Support;

/// <summary>One console server per test class (starting the engine costs a second or two).</summary>
public sealed class ConsoleServerFixture : IAsyncLifetime
{
    private ConsoleServer? server;

    public ConsoleServer Server => server ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => server = await ConsoleServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
