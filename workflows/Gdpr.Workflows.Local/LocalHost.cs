using System.Diagnostics;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine;
using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Engine.Integrations.Lambda;
using Gdpr.Workflows.Engine.Persistence;
using Gdpr.Workflows.Engine.Sam;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Reply;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Local.Composition;
using Gdpr.Workflows.Local.Lakes;

namespace Gdpr.Workflows.Local;

/// <summary>
/// The local installation, opened: the SQLite stores in the data directory, the erasure services over them and,
/// when it runs the engine, template.yaml deployed onto the local engine (functions bound to their in-process
/// handlers, topics, the erasure state machine) with whatever was running before resumed.
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
    private readonly List<Task> ruleTargets = [];
    private readonly Lock ruleGate = new();
    private EngineLock? engineLock;
    private Action<string?, string>? log;
    private LocalStepFunctions? engine;
    private SqliteExecutionStore? executionStore;
    private DailySchedules? schedules;
    private ITimer? historyExpiry;
    private ITimer? lakeBatches;
    private int lakeBatchRunning;
    private TimeSpan executionHistory;

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
        Task[] pending;
        lock (ruleGate)
        {
            pending = [.. ruleTargets];
        }

        await Task.WhenAll(pending).WaitAsync(limit, cancellationToken);
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

        Task[] pending;
        lock (ruleGate)
        {
            pending = [.. ruleTargets];
        }

        try
        {
            await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // A rule target still running is repeated at the next start (see ReplayEndedExecutionsAsync).
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
            Ports = HostPorts(options, keyWrapper, hasher, registry, [], offline, offline, ReplyTemplates.Defaults);
            Services = new LocalServices(Ports);
            Answers = new LocalTaskAnswers(Inbox, Services.TaskCallbacks, options.Time);
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
        Ports = HostPorts(options, keyWrapper, hasher, systems, [.. options.Connectors(Home)], workflow, new InboxRecordingTasks(workflow, Inbox), ReplyTemplates.From(Path.Combine(Home.Directory, "templates")));
        Services = new LocalServices(Ports);
        Answers = new LocalTaskAnswers(Inbox, Services.TaskCallbacks, options.Time);
        Lakes = new LocalLakes(systems, options.LakeFolder ?? Path.Combine(Home.Directory, "lake"), Inbox, Services.Vault, Services.TaskCallbacks, options.Time);
        disposables.Add(Lakes);

        var handlers = options.Handlers?.Invoke(Services) ?? new Dictionary<string, LocalLambdaHandler>();
        log = options.Log;
        Deployment = SamDeployment.Deploy(engine, template, Watched(handlers));
        executionHistory = options.ExecutionHistory;
        if (options.RunSchedules)
        {
            var daily = SamSchedule.Read(template, out var unsupported);
            foreach (var schedule in unsupported)
            {
                log?.Invoke(null, $"schedule not run locally (only daily cron(M H * * ? *) schedules are): {schedule}");
            }

            schedules = new DailySchedules(daily, Deployment.Functions, options.Time, log);
        }
        var topicArn = template.Resolve(new JsonObject { ["Ref"] = ErasureTasksTopic })?.GetValue<string>()
            ?? throw new InvalidOperationException($"{TemplatePath} has no {ErasureTasksTopic}.");
        if (!Deployment.Topics.TryGetTopic(topicArn, out var topic))
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

        observed.ExecutionEndedAbnormally += OnExecutionEnded;
        await engine.ResumeAsync(cancellationToken);
        await ReplayEndedExecutionsAsync(cancellationToken);
        await FollowUpEndedRetentionsAsync(cancellationToken);
        await DeleteExpiredExecutionsAsync(cancellationToken);
        schedules?.Start();
        if (schedules is not null)
        {
            historyExpiry = options.Time.CreateTimer(_ => _ = DeleteExpiredExecutionsQuietlyAsync(), null, HistoryExpiryEvery, HistoryExpiryEvery);
            if (Lakes.Systems.Count > 0)
            {
                lakeBatches = options.Time.CreateTimer(_ => _ = RunLakeBatchesQuietlyAsync(), null, LocalLakes.BatchEvery, LocalLakes.BatchEvery);
            }
        }
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

    private static SystemRegistry LoadRegistry(string path, IReadOnlyList<string> more)
    {
        var registry = SystemRegistry.Load(path);
        return more.Count == 0 ? registry : SystemRegistry.Of(registry.Systems.Concat(more.SelectMany(p => SystemRegistry.Load(p).Systems)), string.Join(" + ", [path, .. more]));
    }

    /// <summary>A lake batch of a long-running host; skipped while the previous one still runs (a big lake takes longer than the period).</summary>
    private async Task RunLakeBatchesQuietlyAsync()
    {
        if (Lakes is not { HasPendingTasks: true } lakes || Interlocked.Exchange(ref lakeBatchRunning, 1) == 1)
        {
            return;
        }

        try
        {
            foreach (var (system, result) in await lakes.RunBatchesAsync())
            {
                log?.Invoke(result.RequestId, $"{system}: {result.State}{(result.Outcome is null ? string.Empty : " " + result.Outcome)}{(result.Reference is null ? string.Empty : " (" + result.Reference + ")")}{(result.Cause is null ? string.Empty : ": " + result.Cause)}");
            }
        }
#pragma warning disable CA1031 // A failed batch leaves its tasks queued (or failed as transient) and is tried again at the next one; it must not stop the host.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            log?.Invoke(null, $"a data-lake batch failed ({failure.GetType().Name}: {failure.Message}); trying again in {LocalLakes.BatchEvery.TotalSeconds:0} s");
        }
        finally
        {
            Volatile.Write(ref lakeBatchRunning, 0);
        }
    }

    /// <summary>How often a long-running host (<c>gdpr serve</c>) deletes expired execution histories.</summary>
    public static readonly TimeSpan HistoryExpiryEvery = TimeSpan.FromHours(6);

    /// <summary>
    /// Deletes the engine's executions that ended longer ago than <see cref="LocalHostOptions.ExecutionHistory"/> (history,
    /// checkpoints, tokens): engine.db then holds running and recent executions only. Requests and audit trails stay.
    /// </summary>
    public async Task<int> DeleteExpiredExecutionsAsync(CancellationToken cancellationToken = default)
    {
        if (engine is null)
        {
            return 0;
        }

        var deleted = await engine.DeleteEndedExecutionsAsync(executionHistory, cancellationToken);
        if (deleted > 0)
        {
            log?.Invoke(null, $"deleted the engine history of {deleted} execution(s) ended more than {executionHistory.TotalDays:0.#} days ago (the audit trail keeps the record)");
        }

        return deleted;
    }

    private async Task DeleteExpiredExecutionsQuietlyAsync()
    {
        try
        {
            await DeleteExpiredExecutionsAsync();
        }
#pragma warning disable CA1031 // A failed expiry pass is logged and tried again at the next one; it must not stop the host.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            log?.Invoke(null, $"deleting expired execution histories failed ({failure.GetType().Name}: {failure.Message}); trying again in {HistoryExpiryEvery.TotalHours:0} hours");
        }
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

    private Dictionary<string, LocalLambdaHandler> Watched(IReadOnlyDictionary<string, LocalLambdaHandler> handlers) =>
        handlers.ToDictionary(p => p.Key, p => (LocalLambdaHandler)(async (payload, context, ct) =>
        {
            using var running = Activity.Begin();
            var requestId = payload?["requestId"] is JsonValue id && id.TryGetValue(out string? text) ? text : null;
            var what = payload?["event"] is JsonValue e && e.TryGetValue(out string? name) ? $"{context.FunctionName} {name}" : context.FunctionName;
            var started = Stopwatch.GetTimestamp();
            try
            {
                var result = await p.Value(payload, context, ct);
                log?.Invoke(requestId, $"{what} ({context.StateName}, attempt {context.Attempt}) ok in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms");
                return result;
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                log?.Invoke(requestId, $"{what} ({context.StateName}, attempt {context.Attempt}) failed: {(failure is LambdaFunctionException reported ? reported.ErrorType : failure.GetType().Name)}");
                throw;
            }
        }));

    /// <summary>
    /// template.yaml's ExecutionEndedRule: an execution stopped, timed out or failed is recorded by the ledger and its
    /// vault entry shredded, as EventBridge would invoke the Ledger and VaultShredder functions.
    /// </summary>
    private void OnExecutionEnded(ExecutionRecord end)
    {
        var status = end.Status switch
        {
            ExecutionStatus.Aborted => "ABORTED",
            ExecutionStatus.TimedOut => "TIMED_OUT",
            _ => "FAILED",
        };
        var run = Task.Run(async () =>
        {
            using var running = Activity.Begin();
            await RunRuleTargetsAsync(ExecutionNames.RequestIdOf(end.Name), end.ExecutionArn, status, CancellationToken.None);
        });
        lock (ruleGate)
        {
            ruleTargets.RemoveAll(t => t.IsCompleted);
            ruleTargets.Add(run);
        }
    }

    private async Task RunRuleTargetsAsync(string requestId, string executionArn, string status, CancellationToken cancellationToken)
    {
        log?.Invoke(requestId, $"execution ended {status}: recording it and shredding the vault entry");
        await Services.Ledger.ExecutionEndedAsync(requestId, executionArn, status, cancellationToken);
        await Services.Shred.ShredAsync(requestId, executionArn, status, cancellationToken);
    }

    /// <summary>
    /// EventBridge retries its targets; the local stand-in repeats them at start for open requests whose execution
    /// ended abnormally while no process was there to record it (both targets are idempotent).
    /// </summary>
    private async Task ReplayEndedExecutionsAsync(CancellationToken cancellationToken)
    {
        string? token = null;
        var ended = new List<(string RequestId, string Arn, string Status)>();
        do
        {
            var page = await Stores.Requests.QueryOpenByDeadlineAsync(IRequestStore.MaxPageSize, token, cancellationToken);
            foreach (var request in page.Items.Where(r => r.ExecutionId is not null))
            {
                var execution = await executionStore!.GetExecutionAsync(request.ExecutionId!, cancellationToken);
                if (execution is { Status: ExecutionStatus.Failed or ExecutionStatus.TimedOut or ExecutionStatus.Aborted })
                {
                    ended.Add((request.RequestId, execution.ExecutionArn, execution.Status switch
                    {
                        ExecutionStatus.Aborted => "ABORTED",
                        ExecutionStatus.TimedOut => "TIMED_OUT",
                        _ => "FAILED",
                    }));
                }
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        foreach (var (requestId, arn, status) in ended)
        {
            await RunRuleTargetsAsync(requestId, arn, status, cancellationToken);
        }
    }

    /// <summary>The workflow port of a host opened without its engine: every use says why it is not there.</summary>
    private sealed class EngineNotRunning(GdprHome home) : IWorkflowStarter, IWorkflowTasks, IWorkflowExecutions
    {
        public Task<WorkflowRun> DescribeAsync(string requestId, string? executionId, CancellationToken cancellationToken = default) => throw Fail();

        public Task<WorkflowStart> StartAsync(string requestId, CancellationToken cancellationToken = default) => throw Fail();

        public Task<WorkflowStart> StartRunAsync(string requestId, int run, CancellationToken cancellationToken = default) => throw Fail();

        public Task<WorkflowStopResult> StopAsync(string requestId, string? executionId, string error, string cause, CancellationToken cancellationToken = default) => throw Fail();

        public Task<TaskAnswerResult> SendSuccessAsync(string taskToken, string outputJson, CancellationToken cancellationToken = default) => throw Fail();

        public Task<TaskAnswerResult> SendFailureAsync(string taskToken, string error, string cause, CancellationToken cancellationToken = default) => throw Fail();

        public Task<TaskAnswerResult> SendHeartbeatAsync(string taskToken, CancellationToken cancellationToken = default) => throw Fail();

        private InvalidOperationException Fail() => new($"The engine is not running in this process (data directory {home.Directory}); this command only reads.");
    }
}

/// <summary>Another process (usually <c>gdpr serve</c>) runs the engine of this data directory.</summary>
public sealed class EngineBusyException : Exception
{
    public EngineBusyException()
    {
    }

    public EngineBusyException(string message)
        : base(message)
    {
    }

    public EngineBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Where the running server is, when it is <c>gdpr serve</c>; null otherwise.</summary>
    public ServeInfo? Server { get; private init; }

    public static EngineBusyException For(GdprHome home)
    {
        var server = ServeInfo.TryRead(home);
        var who = server is null ? "another gdpr process" : $"gdpr serve (pid {server.ProcessId}, {server.Url})";
        return new EngineBusyException(
            $"The local engine of {home.Directory} is in use by {who}. Wait for it to finish, stop it, "
            + (server is null ? "or use another data directory (GDPR_HOME)." : $"or send the request to its API at {server.Url} with the token in {Path.Combine(home.Directory, ApiTokens.FileName(ApiRole.Officer))}."))
        {
            Server = server,
        };
    }
}
