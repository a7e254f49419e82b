using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Lake.Erasing;
using Gdpr.Workflows.Lake.Storage;

namespace Gdpr.Workflows.Local.Lakes;

/// <summary>
/// The registry's data-lake systems on the local host: a <see cref="LakeWorker"/> each, over a local folder named for
/// the system's bucket (<c>&lt;folder&gt;/&lt;bucket&gt;/&lt;key&gt;</c>), fed by the task inbox. <c>gdpr serve</c> runs a batch
/// every <see cref="BatchEvery"/>; the demo and <c>gdpr lake run</c> run one when asked. Batches never overlap.
/// </summary>
public sealed class LocalLakes : IDisposable
{
    /// <summary>How often <c>gdpr serve</c> runs a batch per lake when tasks wait.</summary>
    public static readonly TimeSpan BatchEvery = TimeSpan.FromSeconds(30);

    private readonly List<(SystemDefinition System, LakeWorker Worker)> workers;
    private readonly TaskInbox inbox;
    private readonly SemaphoreSlim running = new(1, 1);

    public LocalLakes(SystemRegistry registry, string folder, TaskInbox inbox, SubjectVault vault, ITaskCallbacks callbacks, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Folder = folder;
        this.inbox = inbox;
        var subjects = new VaultSubjectSource(vault);
        workers = registry.Systems.Where(s => s.Lake is not null)
            .Select(s => (s, new LakeWorker(s, new LocalFolderObjectStore(Path.Combine(folder, s.Lake!.Bucket)), new InboxLakeTaskQueue(inbox, s.Name, time), subjects, callbacks, time)))
            .ToList();
    }

    /// <summary>The folder holding one sub-folder per bucket.</summary>
    public string Folder { get; }

    /// <summary>The data-lake systems' names, in registry order.</summary>
    public IReadOnlyList<string> Systems => workers.Select(w => w.System.Name).ToList();

    /// <summary>True when a lake system has an open task.</summary>
    public bool HasPendingTasks => workers.Any(w => inbox.Open(w.System.Name).Count > 0);

    /// <summary>Runs one batch for every lake system with open tasks (<paramref name="system"/>: that one only); what each task became.</summary>
    public async Task<IReadOnlyList<(string System, LakeTaskResult Result)>> RunBatchesAsync(string? system = null, CancellationToken cancellationToken = default)
    {
        if (system is not null && workers.All(w => w.System.Name != system))
        {
            throw new ArgumentException($"{system} is not a data-lake system of the registry (its lakes: {(workers.Count == 0 ? "none" : string.Join(", ", Systems))}).", nameof(system));
        }

        await running.WaitAsync(cancellationToken);
        try
        {
            var results = new List<(string, LakeTaskResult)>();
            foreach (var (definition, worker) in workers.Where(w => system is null || w.System.Name == system))
            {
                if (inbox.Open(definition.Name).Count == 0)
                {
                    continue;
                }

                foreach (var result in await worker.RunBatchAsync(cancellationToken))
                {
                    results.Add((definition.Name, result));
                }
            }

            return results;
        }
        finally
        {
            running.Release();
        }
    }

    public void Dispose() => running.Dispose();
}
