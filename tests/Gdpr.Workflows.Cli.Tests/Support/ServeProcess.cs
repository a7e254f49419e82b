using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Tests.Support;

/// <summary>
/// <c>gdpr serve</c> running on a fresh data directory (in-process, through <see cref="GdprHarness"/>) until disposed:
/// its URL from <c>serve.json</c> and its API tokens, for the tests that call it as a system or an officer would.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable, IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private Task<CliRun>? serving;
    private bool disposed;

    public GdprHarness Gdpr { get; } = new();

    public Uri Url { get; private set; } = null!;

    public ApiTokens Tokens { get; private set; } = null!;

    /// <summary>Starts serve with <paramref name="arguments"/> after <c>serve</c> and waits (at most 60 s) until it listens.</summary>
    public async Task StartAsync(params string[] arguments)
    {
        serving = Gdpr.RunAsync(stop.Token, ["serve", .. arguments]);
        var home = GdprHome.At(Gdpr.Home);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (ServeInfo.TryRead(home) is null)
        {
            if (serving.IsCompleted || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("gdpr serve did not start: " + (serving.IsCompleted ? (await serving).ToString() : "timed out"));
            }

            await Task.Delay(50);
        }

        Url = new Uri(ServeInfo.TryRead(home)!.Url);
        Tokens = ApiTokens.LoadOrCreate(home, ["support-desk"]);
    }

    /// <summary>Stops serve (as Ctrl+C does) and returns how it ended; null when it never started.</summary>
    public async Task<CliRun?> StopAsync()
    {
        await stop.CancelAsync();
        return serving is null ? null : await serving;
    }

    public async ValueTask DisposeAsync()
    {
        if (!disposed)
        {
            await StopAsync();
        }

        Dispose();
    }

    /// <summary>Frees the data directory; call <see cref="DisposeAsync"/> (or <see cref="StopAsync"/>) first to stop serve.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        stop.Dispose();
        Gdpr.Dispose();
    }
}
