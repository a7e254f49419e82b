using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine;
using Gdpr.Workflows.Engine.Integrations.Lambda;
using Gdpr.Workflows.Engine.Persistence;
using Gdpr.Workflows.Engine.Sam;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Reply;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Local.Composition;
using Gdpr.Workflows.Local.Lakes;

namespace Gdpr.Workflows.Local;

/// <summary>
/// The local installation, opened: the SQLite stores in the data directory, the erasure services over them and,
/// when it runs the engine, template.yaml deployed onto the local engine (functions bound to their in-process
/// handlers, topics, the erasure state machine) with whatever was running before resumed, and its chores started:
/// the ExecutionEnded rule (<see cref="ExecutionEndedRule"/>), and under <c>gdpr serve</c> the daily schedules
/// (<see cref="DailySchedules"/>), the history expiry (<see cref="ExecutionHistoryExpiry"/>) and the lake batches
/// (<see cref="LakeBatchTimer"/>).
/// </summary>
public sealed class LocalHost : IAsyncDisposable
{
    /// <summary>The logical id of the topic async systems receive their tasks on.</summary>
    public const string ErasureTasksTopic = "ErasureTasksTopic";

    /// <summary>Parameters the template requires that have no meaning locally.</summary>
    public static readonly IReadOnlyDictionary<string, string> LocalParameters = new Dictionary<string, string>
    {
        ["Stage"] = "dev",
        ["NotificationEmail"] = "officers@localhost.invalid",
    };

    private readonly List<IDisposable> disposables = [];
    private EngineLock? engineLock;
    private Action<string?, string>? log;
    private LocalStepFunctions? engine;
    private SqliteExecutionStore? executionStore;
    private ExecutionEndedRule? executionEnded;
    private DailySchedules? schedules;
    private ExecutionHistoryExpiry? historyExpiry;
    private LakeBatchTimer? lakeBatches;

    private LocalHost(GdprHome home, ErasureStores stores, ActivityMonitor activity)
    {
        Home = home;
        Stores = stores;
        Activity = activity;
    }

    public GdprHome Home { get; }

    public ErasureStores Stores { get; }

    /// <summary>What <see cref="Services"/> were composed from (the stores, secrets, settings, workflow and inbox).</summary>
    public LocalPorts Ports { get; private set; } = null!;

    public LocalServices Services { get; private set; } = null!;

    public ActivityMonitor Activity { get; }

    /// <summary>The erasure tasks async systems were sent and have not answered.</summary>
    public TaskInbox Inbox { get; private set; } = null!;

    /// <summary>The inbox as lists show it: only tasks that can still be answered, the rest closed with their reason.</summary>
    public AnswerableTasks Tasks { get; private set; } = null!;

    /// <summary>The systems' answers and subject look-ups, checked against the erasure-task contract.</summary>
    public LocalTaskAnswers Answers { get; private set; } = null!;

    /// <summary>The engine; null when opened without it.</summary>
    public LocalStepFunctions? Engine => engine;

    public SamDeployment? Deployment { get; private set; }

    /// <summary>The registry's data-lake systems' workers; null unless the engine runs.</summary>
    public LocalLakes? Lakes { get; private set; }

    public string? TemplatePath { get; private set; }

    public string? ErasureStateMachineArn { get; private set; }

    /// <summary>
    /// Opens the data directory (creating it, its stores and its secrets on first use) and, with
    /// <see cref="LocalHostOptions.RunEngine"/>, deploys the template onto the engine and resumes it.
    /// </summary>
    /// <exception cref="EngineBusyException">Another process runs this data directory's engine.</exception>
    public static async Task<LocalHost> StartAsync(LocalHostOptions options, CancellationToken cancellationToken = default)
    {
        var home = (options.Home ?? GdprHome.Resolve()).EnsureCreated();
        var activity = new ActivityMonitor(options.Time);
        var stores = options.Stores?.Invoke(home) ?? ErasureStores.Sqlite(home.StoresFile);
        var host = new LocalHost(home, stores, activity);
        try
        {
            await host.InitializeAsync(options, cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>The registry path: <paramref name="explicitPath"/>, else samples/systems.yaml beside the template.</summary>
    public static string FindRegistry(string? explicitPath, string templatePath)
    {
        var path = explicitPath is { Length: > 0 } ? Path.GetFullPath(explicitPath) : Path.Combine(Path.GetDirectoryName(templatePath)!, "samples", "systems.yaml");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"The systems registry {path} does not exist: pass --registry <path to systems.yaml>.", path);
    }

    /// <summary>Waits until the engine has been quiet for <paramref name="quiet"/> (at most <paramref name="limit"/>), then for EventBridge-style rule targets.</summary>
    public async Task<bool> SettleAsync(TimeSpan quiet, TimeSpan limit, CancellationToken cancellationToken = default)
    {
        var settled = engine is null || await Activity.WaitForQuietAsync(quiet, limit, cancellationToken);
        if (executionEnded is not null)
        {
            await executionEnded.PendingAsync().WaitAsync(limit, cancellationToken);
        }

        return settled;
    }

    public async ValueTask DisposeAsync()
    {
        // The schedules run functions on the engine: they stop first.
        schedules?.Dispose();
        historyExpiry?.Dispose();
        lakeBatches?.Dispose();
        if (engine is not null)
        {
            await engine.DisposeAsync();
        }

        try
        {
            await (executionEnded?.PendingAsync() ?? Task.CompletedTask).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // A rule target still running is repeated at the next start (see ExecutionEndedRule.ReplayAsync).
        }

        foreach (var disposable in disposables)
        {
            disposable.Dispose();
        }

        executionStore?.Dispose();
        Inbox?.Dispose();
        Stores.Dispose();
        engineLock?.Dispose();
    }

    /// <summary>
    /// The scheduled retention follow-up, run whenever the engine starts (every engine-running command, and <c>gdpr serve</c>
    /// at start): requests whose retained data has passed its date are reopened for those systems (audited RetentionEnded).
    /// </summary>
    public async Task FollowUpEndedRetentionsAsync(CancellationToken cancellationToken = default)
    {
        var result = await Services.RetentionFollowUp.RunAsync(cancellationToken);
        foreach (var reopened in result.Reopened)
        {
            log?.Invoke(reopened.RequestId, $"retention ended in {string.Join(", ", reopened.Systems)}: erasing there again (run {reopened.Run})");
        }
    }

    private async Task InitializeAsync(LocalHostOptions options, CancellationToken cancellationToken)
    {
        Inbox = new TaskInbox(Home.TasksFile, options.Time);
        Tasks = new AnswerableTasks(Inbox, Stores.Requests);
        var keyWrapper = new LocalKeyWrapper(SecretFile.ReadOrCreate(Home.MasterKeyFile, LocalKeyWrapper.MasterKeyBytes));
        disposables.Add(keyWrapper);
        var hasher = LocalServices.PepperedHasher(SecretFile.ReadOrCreate(Home.PepperFile, 32));

        if (!options.RunEngine)
        {
            var registryPath = TryFindRegistry(options);
            var registry = registryPath is null ? SystemRegistry.Of([]) : LoadRegistry(registryPath, options.MoreRegistries);
            var offline = new EngineNotRunning(Home);
            Compose(HostPorts(options, keyWrapper, hasher, registry, [], offline, offline, ReplyTemplates.Defaults));
            return;
        }

        engineLock = EngineLock.TryAcquire(Home.EngineLockFile) ?? throw EngineBusyException.For(Home);
        TemplatePath = RepositoryTemplate.Find(options.TemplatePath);
        var systems = LoadRegistry(FindRegistry(options.RegistryPath, TemplatePath), options.MoreRegistries);

        executionStore = new SqliteExecutionStore(Home.EngineFile);
        var observed = new ObservedExecutionStore(executionStore, Activity);
        engine = new LocalStepFunctions(new LocalEngineOptions { Store = observed, TimeProvider = options.Time });
        var template = SamTemplate.Load(TemplatePath, LocalParameters, SamTemplateOptions.For(engine.Options));
        ErasureStateMachineArn = LocalEngineWorkflow.ErasureStateMachineArn(engine, template);
        var workflow = new LocalEngineWorkflow(engine, ErasureStateMachineArn);
        Compose(HostPorts(options, keyWrapper, hasher, systems, [.. options.Connectors(Home)], workflow, new InboxRecordingTasks(workflow, Inbox), ReplyTemplates.From(Path.Combine(Home.Directory, "templates"))));
        Lakes = new LocalLakes(systems, options.LakeFolder ?? Path.Combine(Home.Directory, "lake"), Inbox, Services.Vault, Services.TaskCallbacks, options.Time);
        disposables.Add(Lakes);

        var handlers = options.Handlers?.Invoke(Services) ?? new Dictionary<string, LocalLambdaHandler>();
        log = options.Log;
        Deployment = SamDeployment.Deploy(engine, template, WatchedHandlers.Of(handlers, Activity, log));
        if (options.RunSchedules)
        {
            var daily = SamSchedule.Read(template, out var unsupported);
            foreach (var schedule in unsupported)
            {
                log?.Invoke(null, $"schedule not run locally (only daily cron(M H * * ? *) schedules are): {schedule}");
            }

            schedules = new DailySchedules(daily, Deployment.Functions, options.Time, log);
        }

        SubscribeToTasks(template, options);
        executionEnded = new ExecutionEndedRule(Services, executionStore, Activity, log);
        observed.ExecutionEndedAbnormally += executionEnded.OnExecutionEnded;
        historyExpiry = new ExecutionHistoryExpiry(engine, options.ExecutionHistory, log);
        await engine.ResumeAsync(cancellationToken);
        await executionEnded.ReplayAsync(cancellationToken);
        await FollowUpEndedRetentionsAsync(cancellationToken);
        await historyExpiry.DeleteExpiredAsync(cancellationToken);
        if (schedules is not null)
        {
            schedules.Start();
            historyExpiry.Start(options.Time);
            if (Lakes.Systems.Count > 0)
            {
                lakeBatches = new LakeBatchTimer(Lakes, log);
                lakeBatches.Start(options.Time);
            }
        }
    }

    private void Compose(LocalPorts ports)
    {
        Ports = ports;
        Services = new LocalServices(ports);
        Answers = new LocalTaskAnswers(Inbox, Services.TaskCallbacks, ports.Time);
    }

    /// <summary>The host's ports: its stores, secrets, settings and task inbox, with the workflow it runs (or not).</summary>
    private LocalPorts HostPorts(
        LocalHostOptions options, IKeyWrapper keys, ISubjectHasher hasher, SystemRegistry registry, IReadOnlyList<IErasureConnector> connectors, IWorkflowStarter workflow, IWorkflowTasks tasks, ReplyTemplates templates) => new()
        {
            Stores = Stores,
            KeyWrapper = keys,
            SubjectHasher = hasher,
            Registry = registry,
            Connectors = connectors,
            Workflow = workflow,
            WorkflowTasks = tasks,
            Time = options.Time,
            Clock = LocalClockSettings.Load(Home),
            Replies = FileReplyDelivery.In(Home.Directory),
            ReplyTemplates = templates,
            SystemTasks = new InboxSystemTasks(Inbox, Tasks, options.Time),
        };

    /// <summary>Keeps every task the erasure tasks topic delivers in the inbox, and subscribes the options' async systems.</summary>
    private void SubscribeToTasks(SamTemplate template, LocalHostOptions options)
    {
        var topicArn = template.Resolve(new JsonObject { ["Ref"] = ErasureTasksTopic })?.GetValue<string>()
            ?? throw new InvalidOperationException($"{TemplatePath} has no {ErasureTasksTopic}.");
        if (!Deployment!.Topics.TryGetTopic(topicArn, out var topic))
        {
            throw new InvalidOperationException($"{TemplatePath}: {ErasureTasksTopic} was not deployed.");
        }

        disposables.Add(topic.Subscribe((message, _) =>
        {
            if (Inbox.Parse(message.Message) is { } task && Inbox.Add(task))
            {
                log?.Invoke(task.RequestId, $"task sent to {task.System}; answer with 'gdpr task succeed <token> ...' ('gdpr task list' shows it)");
            }

            return Task.CompletedTask;
        }));
        if (options.SubscribeToTasks is { } subscribe && subscribe(topic, Services) is { } subscription)
        {
            disposables.Add(subscription);
        }
    }

    private static SystemRegistry LoadRegistry(string path, IReadOnlyList<string> more)
    {
        var registry = SystemRegistry.Load(path);
        return more.Count == 0 ? registry : SystemRegistry.Of(registry.Systems.Concat(more.SelectMany(p => SystemRegistry.Load(p).Systems)), string.Join(" + ", [path, .. more]));
    }

    private static string? TryFindRegistry(LocalHostOptions options)
    {
        try
        {
            return FindRegistry(options.RegistryPath, RepositoryTemplate.Find(options.TemplatePath));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
