using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Engine.Integrations.Messaging;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Local;
using Gdpr.Workflows.Local.Composition;
using Gdpr.Workflows.Samples;
using Gdpr.Workflows.Samples.Seeding;
using Gdpr.Workflows.Samples.SupportDesk;
using Gdpr.Workflows.Stack.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.Stack.Tests.EndToEnd;

/// <summary>
/// The local installation as <c>gdpr</c> runs it (<see cref="LocalDefaults"/>: template.yaml deployed on the local engine
/// with every function's real handler, the SQLite stores, vault and audit in a data directory, the real sample systems
/// of samples/systems.yaml), in a fresh temporary GDPR_HOME and on fake time. The sync sample systems are wrapped in
/// <see cref="FaultInjectingConnector"/>s; the host's log lines and the SNS messages of the officer and completion topics
/// are written into the data directory, as a deployment's logs and subscriptions would keep them, so the leak scan
/// reads them too.
/// </summary>
internal sealed class EndToEndHost : IAsyncDisposable
{
    public const string Officer = "officer-7";
    public const int Seed = 20260302;
    // Fewer than 10, so no other customer id ("C-000010") contains the subject's ("C-000001") and fools the leak scan.
    public const int CustomerCount = 9;

    /// <summary>A Monday, 09:00 in London (GMT).</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, FaultInjectingConnector> connectors = new(StringComparer.Ordinal);
    private readonly List<IDisposable> subscriptions = [];
    private readonly Lock fileGate = new();
    private SampleInstallation installation = new();

    private EndToEndHost(string home)
    {
        HomeDirectory = home;
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public string HomeDirectory { get; }

    public LocalHost Host { get; private set; } = null!;

    public LocalServices Services => Host.Services;

    public SampleSystems Samples => installation.Require();

    /// <summary>Everyone the seeder generated; <see cref="Customer"/> is the one with data in every system.</summary>
    public IReadOnlyList<SampleCustomer> Customers { get; private set; } = [];

    public SampleCustomer Customer => Customers[0];

    /// <summary>The day the sample systems were seeded (the seeder dates orders back from it).</summary>
    public DateOnly SeededOn { get; private set; }

    public string LogFile => Path.Combine(HomeDirectory, "logs", "gdpr.log");

    public string NotificationsFile => Path.Combine(HomeDirectory, "notifications", "sns.jsonl");

    public string SamplesDirectory => Path.Combine(HomeDirectory, LocalDefaults.SamplesFolder);

    public static async Task<EndToEndHost> StartAsync()
    {
        var home = Path.Combine(Path.GetTempPath(), "gdpr-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        var host = new EndToEndHost(home);
        await host.OpenAsync();
        host.SeededOn = host.Services.Deadlines.Day(host.Time.GetUtcNow());
        host.Customers = await host.Samples.SeedAsync(CustomerCount, Seed, host.SeededOn);
        return host;
    }

    /// <summary>The wrapper of sync system <paramref name="system"/> (orders, crm, marketing).</summary>
    public FaultInjectingConnector Connector(string system) => connectors[system];

    /// <summary>Closes the host (as a gdpr process ends) and opens the same data directory again, resuming what ran.</summary>
    public async Task RestartAsync()
    {
        await CloseAsync();
        await OpenAsync();
    }

    public Task<IntakeResult> SubmitAsync(SampleCustomer? customer = null, bool authenticated = false, string channel = "web-form") =>
        Services.Intake.SubmitAsync(new IntakeSubmission((customer ?? Customer).IntakeIdentifiers(), channel, authenticated));

    public string ExecutionArn(string requestId) => ((LocalEngineWorkflow)Services.Workflow).ExecutionArnOf(requestId);

    public async Task<ExecutionDescription> ExecutionAsync(string requestId, string? executionArn = null) =>
        await Host.Engine!.DescribeExecutionAsync(executionArn ?? ExecutionArn(requestId));

    public async Task<RequestStatusView> StatusAsync(string requestId) => await Services.Status.GetAsync(requestId);

    /// <summary>
    /// Polls <paramref name="condition"/> until it holds, moving fake time on by <paramref name="advance"/> between polls
    /// when given (retries' backoff, heartbeats and timeouts run on it). Real time only bounds the wait.
    /// </summary>
    public async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? advance = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited 20 s for {what}; fake time is {Time.GetUtcNow():O}.");
            }

            if (advance is { } step)
            {
                Time.Advance(step);
            }

            await Task.Delay(5);
        }
    }

    public Task UntilStatusAsync(string requestId, string status, TimeSpan? advance = null) =>
        UntilAsync(async () => (await StatusAsync(requestId)).Status == status, $"request {requestId} to be {status}", advance);

    /// <summary>Waits for the execution to end, then for the ledger to hold what its end leads to (the final record, the shred).</summary>
    /// <param name="executionArn">The run to wait for; default the request's first.</param>
    public async Task<ExecutionDescription> UntilEndedAsync(string requestId, TimeSpan? advance = null, string? executionArn = null)
    {
        await UntilAsync(async () => (await ExecutionAsync(requestId, executionArn)).Status != ExecutionStatus.Running, $"the execution of {requestId} to end", advance);
        var ended = await ExecutionAsync(requestId, executionArn);
        if (ended.Status != ExecutionStatus.Succeeded)
        {
            // The ExecutionEnded rule's targets (ledger, then shredder) run after the end, as EventBridge's do.
            await UntilAsync(
                async () => (await Services.Audit.ReadAsync(requestId)).Any(e => e.Type.Name is "SubjectsShredded" or "SubjectsKeptForRetry" && e.Details["executionId"] == ended.ExecutionArn),
                $"the end of {requestId} to be recorded");
        }

        return ended;
    }

    /// <summary>The support desk's open erasure task for the request, as the local inbox keeps it.</summary>
    public InboxTask? DeskTask(string requestId) => Host.Inbox.Open(SupportDesk.SystemName, requestId).SingleOrDefault();

    public Task UntilDeskHasTaskAsync(string requestId, TimeSpan? advance = null) =>
        UntilAsync(async () => DeskTask(requestId) is not null && await Samples.SupportDesk.PendingTaskCountAsync() > 0, $"the support desk's task for {requestId}", advance);

    /// <summary>The desk works through its queue: erases and answers through the callback API.</summary>
    public Task<IReadOnlyList<DeskTaskResult>> DeskAnswersAsync() =>
        Samples.SupportDesk.ProcessPendingAsync(Services.TaskCallbacks, new VaultSubjectSource(Services.Vault));

    /// <summary>The officer verifies the requester once the workflow has asked the officers to (its task token is stored by then).</summary>
    public async Task VerifyIdentityAsync(string requestId)
    {
        await UntilAsync(() => Task.FromResult(OfficerNotices(requestId).Contains("VerificationRequested")), $"the officers to be asked to verify {requestId}");
        await Services.TaskCallbacks.DecideIdentityAsync(requestId, verified: true, "id-document", Officer);
    }

    /// <summary>The kinds of the notices the officers received about the request (the OfficerTopic's local stand-in).</summary>
    public IReadOnlyList<string> OfficerNotices(string requestId) => [.. Services.Officers.Notices.Where(n => n.RequestId == requestId).Select(n => n.Kind)];

    /// <summary>Messages published on a template topic (OfficerTopic, CompletionTopic, ErasureTasksTopic).</summary>
    public IReadOnlyList<JsonObject> Messages(string topicLogicalId)
    {
        var arn = Host.Deployment!.Topics.Topics.Single(t => t.Name.Contains(topicLogicalId, StringComparison.Ordinal)).Arn;
        Host.Deployment.Topics.TryGetTopic(arn, out var topic);
        return [.. topic!.Messages.Select(m => JsonNode.Parse(m.Message)!.AsObject())];
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        try
        {
            Directory.Delete(HomeDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary directory left behind does no harm.
        }
    }

    private async Task OpenAsync()
    {
        installation = new SampleInstallation();
        var defaults = LocalDefaults.Options(GdprHome.At(HomeDirectory), RepositoryPaths.TemplateFile, registryPath: null, runEngine: true, Time, Log, installation);
        var options = new LocalHostOptions
        {
            Home = defaults.Home,
            TemplatePath = defaults.TemplatePath,
            RegistryPath = defaults.RegistryPath,
            RunEngine = true,
            Time = Time,
            Log = defaults.Log,
            Handlers = defaults.Handlers,
            SubscribeToTasks = defaults.SubscribeToTasks,
            Connectors = home => defaults.Connectors(home).Select(Wrap).ToList(),
        };
        Host = await LocalHost.StartAsync(options);
        foreach (var topic in Host.Deployment!.Topics.Topics.Where(t => !t.Name.Contains("ErasureTasks", StringComparison.Ordinal)))
        {
            subscriptions.Add(topic.Subscribe((message, _) => Record(topic, message)));
        }
    }

    private async Task CloseAsync()
    {
        foreach (var subscription in subscriptions)
        {
            subscription.Dispose();
        }

        subscriptions.Clear();
        await Host.DisposeAsync();
    }

    /// <summary>The same wrapper across restarts, around each new instance of the real connector.</summary>
    private FaultInjectingConnector Wrap(Erasure.Ports.IErasureConnector real)
    {
        if (connectors.TryGetValue(real.Name, out var existing))
        {
            var again = new FaultInjectingConnector(real) { Fault = existing.Fault, FailuresLeft = existing.FailuresLeft };
            connectors[real.Name] = again;
            return again;
        }

        return connectors[real.Name] = new FaultInjectingConnector(real);
    }

    private void Log(string? requestId, string line) => Append(LogFile, $"{Time.GetUtcNow():O} {requestId ?? "-"} {line}");

    private Task Record(ILocalTopic topic, LocalTopicMessage message)
    {
        Append(NotificationsFile, new JsonObject { ["topic"] = topic.Name, ["message"] = message.Message }.ToJsonString());
        return Task.CompletedTask;
    }

    private void Append(string file, string line)
    {
        lock (fileGate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.AppendAllText(file, line + Environment.NewLine);
        }
    }
}
