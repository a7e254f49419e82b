using Gdpr.Workflows.Engine.Api;

namespace Gdpr.Workflows.Engine.Api.Tests.Support;

/// <summary>
/// A standalone engine in a temporary directory behind two real Kestrel endpoints on loopback: one open to any
/// credentials, one that checks SigV4 against <see cref="AccessKey"/> / <see cref="SecretKey"/>. Deleted on dispose.
/// </summary>
public sealed class ApiHost : IAsyncLifetime
{
    public const string AccessKey = "AKIALOCALTEST";
    public const string SecretKey = "local-test-secret";

    private readonly string directory = Path.Combine(Path.GetTempPath(), "sfn-api-" + Guid.NewGuid().ToString("N"));
    private StandaloneEngine? engine;
    private StepFunctionsApiServer? open;
    private StepFunctionsApiServer? signed;

    public Uri Url => open!.Url;

    public Uri SignedUrl => signed!.Url;

    public StandaloneEngine Engine => engine!;

    public async Task InitializeAsync()
    {
        engine = await StandaloneEngine.OpenAsync(directory);
        open = await StepFunctionsApiServer.StartAsync(engine.Api);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal) { [AccessKey] = SecretKey };
        signed = await StepFunctionsApiServer.StartAsync(engine.Api, verifier: new SigV4Verifier(keys));
    }

    public async Task DisposeAsync()
    {
        if (signed is not null)
        {
            await signed.DisposeAsync();
        }

        if (open is not null)
        {
            await open.DisposeAsync();
        }

        if (engine is not null)
        {
            await engine.DisposeAsync();
        }

        Directory.Delete(directory, recursive: true);
    }
}
