using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Local.Composition;
using Gdpr.Workflows.Samples;
using Gdpr.Workflows.Samples.Lake;

namespace Gdpr.Workflows.Local;

/// <summary>Where the local default keeps the sample systems it runs, once the host has created them.</summary>
public sealed class SampleInstallation
{
    /// <summary>The sample systems; null until the host started its engine (they are only needed by the workflow).</summary>
    public SampleSystems? Systems { get; internal set; }

    public SampleSystems Require() => Systems ?? throw new InvalidOperationException("The sample systems are created when the host starts its engine.");

    /// <summary>
    /// True: the sample data lake joins the sample systems (samples/lake-systems.yaml beside the registry; its bucket a
    /// folder under the samples folder, so a reset empties it too). The demo sets it.
    /// </summary>
    public bool WithLake { get; init; }

    /// <summary>The sample lake; null without <see cref="WithLake"/> or before the host started its engine.</summary>
    public SampleLake? Lake { get; internal set; }

    public SampleLake RequireLake() => Lake ?? throw new InvalidOperationException("The sample lake exists only with WithLake, once the host starts its engine.");
}

/// <summary>
/// The local default installation: template.yaml's function handlers, the sample systems (orders, CRM, marketing:
/// sync connectors; the support desk: async, subscribed to the erasure tasks topic), in <c>samples/</c> of the data directory.
/// </summary>
public static class LocalDefaults
{
    /// <summary>The sample systems' folder inside the data directory.</summary>
    public const string SamplesFolder = "samples";

    /// <summary>The sample lake's registry file, beside the template in <c>samples/</c>.</summary>
    public const string LakeRegistryFile = "lake-systems.yaml";

    /// <summary>The marketing list's suppression-hash key, in the data directory (created on first use).</summary>
    public const string MarketingKeyFile = "marketing-suppression.key";

    /// <param name="samples">Receives the sample systems the host creates (the demo seeds them).</param>
    /// <param name="resetSamples">Start the sample systems empty (the demo does, so its generated data never collides with an earlier run's).</param>
    public static LocalHostOptions Options(
        GdprHome home,
        string? templatePath,
        string? registryPath,
        bool runEngine,
        TimeProvider time,
        Action<string?, string>? log = null,
        SampleInstallation? samples = null,
        bool resetSamples = false,
        Func<GdprHome, ErasureStores>? stores = null)
    {
        samples ??= new SampleInstallation();
        var lakeFolder = Path.Combine(home.Directory, SamplesFolder, "lake");
        return new LocalHostOptions
        {
            MoreRegistries = samples.WithLake ? [Path.Combine(Path.GetDirectoryName(RepositoryTemplate.Find(templatePath))!, SamplesFolder, LakeRegistryFile)] : [],
            LakeFolder = samples.WithLake ? lakeFolder : null,
            Home = home,
            TemplatePath = templatePath,
            RegistryPath = registryPath,
            RunEngine = runEngine,
            Time = time,
            Stores = stores,
            Log = log,
            Handlers = LocalFunctions.Handlers,
            Connectors = h =>
            {
                // Called once the engine lock is held, so no other process uses the files being reset.
                var directory = Path.Combine(h.Directory, SamplesFolder);
                if (resetSamples && Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }

                var key = SecretFile.ReadOrCreate(Path.Combine(h.Directory, MarketingKeyFile), 32);
                samples.Systems = new SampleSystems(directory, key, time);
                samples.Systems.EnsureCreatedAsync().GetAwaiter().GetResult();
                samples.Lake = samples.WithLake ? new SampleLake(lakeFolder) : null;
                return samples.Systems.Connectors;
            },
            SubscribeToTasks = (topic, _) => topic.Subscribe(async (message, ct) =>
            {
                var task = ErasureTaskMessage.Parse(JsonNode.Parse(message.Message));
                if (task.System == samples.Require().SupportDesk.Name)
                {
                    await samples.Require().SupportDesk.ReceiveTaskAsync(task, ct);
                }
            }),
        };
    }
}
