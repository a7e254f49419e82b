using Gdpr.Workflows.Engine.Integrations.Messaging;
using Gdpr.Workflows.Engine.Sam;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Local.Composition;

namespace Gdpr.Workflows.Local;

/// <summary>How to open the local installation.</summary>
public sealed class LocalHostOptions
{
    /// <summary>The data directory; default <see cref="GdprHome.Resolve"/>.</summary>
    public GdprHome? Home { get; init; }

    /// <summary>template.yaml; default the repository's (see <see cref="RepositoryTemplate.Find"/>).</summary>
    public string? TemplatePath { get; init; }

    /// <summary>The systems registry; default <c>samples/systems.yaml</c> beside the template.</summary>
    public string? RegistryPath { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The erasure stores; default SQLite in the data directory (stores.db). The engine's state stays in the data directory either way.</summary>
    public Func<GdprHome, ErasureStores>? Stores { get; init; }

    /// <summary>
    /// True: run the engine (deploy the template, resume what was running); this takes the data directory's engine lock.
    /// False: stores only, for reading (status, history, export, audit).
    /// </summary>
    public bool RunEngine { get; init; } = true;

    /// <summary>The sync systems' connectors (by the registry's connector names).</summary>
    public Func<GdprHome, IEnumerable<IErasureConnector>> Connectors { get; init; } = _ => [];

    /// <summary>The in-process handlers of template.yaml's functions, by local handler name.</summary>
    public Func<LocalServices, IReadOnlyDictionary<string, LocalLambdaHandler>>? Handlers { get; init; }

    /// <summary>A log line about a request (null when none): function invocations, rule targets.</summary>
    public Action<string?, string>? Log { get; init; }

    /// <summary>Subscribes the async systems to the erasure tasks topic; what it returns is disposed with the host.</summary>
    public Func<ILocalTopic, LocalServices, IDisposable?>? SubscribeToTasks { get; init; }

    /// <summary>
    /// Runs the template's daily schedules (<see cref="DailySchedules"/>) while the host lives: for <c>gdpr serve</c>, not for
    /// a command that runs the engine for a moment.
    /// </summary>
    public bool RunSchedules { get; init; }

    /// <summary>
    /// How long an ended execution's engine history is kept (AWS keeps 90 days); the audit trail, the lasting record, is
    /// not touched. <c>GDPR_EXECUTION_HISTORY_DAYS</c> (1 to 3650) sets it; 90 days otherwise.
    /// </summary>
    public TimeSpan ExecutionHistory { get; init; } = ExecutionHistorySetting.FromEnvironment(Environment.GetEnvironmentVariable);

    /// <summary>
    /// More registry files whose systems join the registry's (the demo adds its sample lake's); a name used twice is an
    /// error, as within one file.
    /// </summary>
    public IReadOnlyList<string> MoreRegistries { get; init; } = [];

    /// <summary>Where the data-lake systems' buckets are folders (<see cref="Lakes.LocalLakes"/>); default <c>lake/</c> in the data directory.</summary>
    public string? LakeFolder { get; init; }
}
