using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Tests.Support;

/// <summary>
/// <c>gdpr serve</c> running on a fresh data directory (in-process, through <see cref="GdprHarness"/>) until disposed:
/// its URL from <c>serve.json</c> and its API tokens, for the tests that call it as a system or an officer would.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private Task<CliRun>? serving;

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

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (serving is not null)
        {
            await serving;
        }

        stop.Dispose();
        Gdpr.Dispose();
    }
}
