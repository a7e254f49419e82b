using Gdpr.Workflows.Contracts;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Deadlines;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Functions.Reminders;

namespace Gdpr.Workflows.Local.Composition;

/// <summary>
/// The local composition root: every erasure service, built once from one set of <see cref="LocalPorts"/>, shared by
/// the functions' in-process handlers (<see cref="LocalFunctions"/>), the CLI commands, the local HTTP API and the
/// console of one process. Tests that build "like the local host" build this, over their own ports.
/// </summary>
public sealed class LocalServices
{
    public LocalServices(LocalPorts ports)
    {
        ArgumentNullException.ThrowIfNull(ports);
        var stores = ports.Stores;
        var time = ports.Time;
        var workflow = ports.Workflow;
        Stores = stores;
        Hasher = ports.SubjectHasher;
        Registry = ports.Registry;
        Workflow = workflow;
        Tasks = ports.WorkflowTasks;
        Time = time;
        Officers = ports.Officers;
        Recipients = ports.Recipients;
        Replies = ports.Replies;
        OverdueMetric = ports.OverdueMetric;
        Deadlines = ErasureDeadlines.For(ports.Clock);
        Audit = new AuditLedger(stores.Audit, time);
        Vault = new SubjectVault(stores.Vault, ports.KeyWrapper, time);
        var executions = ports.Executions ?? workflow as IWorkflowExecutions
            ?? throw new ArgumentException("The workflow must also describe executions (IWorkflowExecutions), or give LocalPorts.Executions.", nameof(ports));

        Intake = new IntakeService(stores.Requests, Vault, Hasher, Audit, workflow, Deadlines, ports.Ids ?? new RandomIdGenerator(time), time, PhoneNumberDefaults.UnitedKingdom);
        Status = new StatusService(stores.Requests, Deadlines, Hasher, time, PhoneNumberDefaults.UnitedKingdom);
        History = new HistoryService(Audit);
        Cancel = new CancelService(stores.Requests, workflow, Audit, time);
        Verification = new VerificationService(stores.Requests, stores.TaskTokens, Tasks, Officers, Audit, Deadlines, time);
        Deadline = new DeadlineService(stores.Requests, Audit, Deadlines, time);
        TaskCallbacks = new TaskCallbackService(Tasks, Verification);
        TaskAnswers = new RecordedTaskAnswers(TaskCallbacks, stores.TaskTokens, time);
        Reminders = new RemindersService(stores.Requests, Officers, Deadlines, time);

        Ledger = new LedgerService(stores.Requests, Audit, Deadlines, time);
        Systems = new SystemsService(stores.Requests, Registry, time);
        SyncErase = new SyncEraseService(Registry, Vault, ports.Connectors, Deadlines, time);
        RecipientsNotification = new RecipientsService(Registry, Vault, Recipients);
        Finalizer = new FinalizerService(stores.Requests, Audit, time);
        Shred = new ShredService(Vault, Audit, stores.Requests, time);
        // No execution lookup: the local host has no redrive window to wait out, so it runs no sweep.
        ShredAfterExecutionEnded = new ExecutionEndedShredding(Shred, Vault, stores.Requests, executions: null, time);
        Reopen = new ReopenService(stores.Requests, Vault, workflow, Audit, time);
        Reply = new ReplyService(stores.Requests, Vault, Audit, Replies, ports.ReplyTemplates, Deadlines, time, Registry);
        Refusal = new RefusalService(stores.Requests, workflow, Audit, Reply, time);
        Retry = new RetryService(stores.Requests, Reopen, workflow, executions, Registry, SyncErase, Ledger, Audit);
        ClaimedGround = new ClaimedGroundService(stores.Requests, Audit, time);
        RetentionFollowUp = new RetentionFollowUpService(stores.Requests, Vault, workflow, Audit, Deadlines, Officers, time);
        SystemTasks = ports.SystemTasks is { } inbox ? new SystemTasksService(inbox, new VaultSubjectSource(Vault), time) : null;
    }

    public ErasureStores Stores { get; }

    public ISubjectHasher Hasher { get; }

    public SystemRegistry Registry { get; }

    public IWorkflowStarter Workflow { get; }

    public IWorkflowTasks Tasks { get; }

    public TimeProvider Time { get; }

    public ErasureDeadlines Deadlines { get; }

    public AuditLedger Audit { get; }

    public SubjectVault Vault { get; }

    /// <summary>What the officers were told (the OfficerTopic's local stand-in).</summary>
    public InMemoryOfficerInbox Officers { get; }

    /// <summary>The Art. 19 notices sent (the recipients' local stand-in).</summary>
    public InMemoryRecipientOutbox Recipients { get; }

    /// <summary>Where the Reminders function publishes OverdueRequests.</summary>
    public IOverdueRequestsMetric OverdueMetric { get; }

    public IntakeService Intake { get; }

    public StatusService Status { get; }

    public HistoryService History { get; }

    public CancelService Cancel { get; }

    public VerificationService Verification { get; }

    public DeadlineService Deadline { get; }

    public TaskCallbackService TaskCallbacks { get; }

    /// <summary>Answers to async systems' tasks, idempotent by task id (the TaskCallback function's).</summary>
    public RecordedTaskAnswers TaskAnswers { get; }

    public RemindersService Reminders { get; }

    public LedgerService Ledger { get; }

    public SystemsService Systems { get; }

    public SyncEraseService SyncErase { get; }

    public RecipientsService RecipientsNotification { get; }

    public FinalizerService Finalizer { get; }

    public ShredService Shred { get; }

    /// <summary>The ExecutionEnded rule's shredding policy, as the VaultShredder function applies it.</summary>
    public ExecutionEndedShredding ShredAfterExecutionEnded { get; }

    /// <summary>Officers retry a request that ended with failed systems (<c>gdpr retry</c>).</summary>
    public ReopenService Reopen { get; }

    /// <summary>Officers retry a request: reopen it, make its workflow run, or erase in one sync system again (<c>gdpr retry</c>).</summary>
    public RetryService Retry { get; }

    /// <summary>Where replies to requesters go (locally: files in the data directory).</summary>
    public IReplyDelivery Replies { get; }

    /// <summary>The reply to the requester (Art. 12(3)/(4)), sent by the workflow before the shred step.</summary>
    public ReplyService Reply { get; }

    /// <summary>Art. 12(5) refusals (<c>gdpr refuse</c>).</summary>
    public RefusalService Refusal { get; }

    /// <summary>The Art. 17(1) ground a requester claims (<c>gdpr submit --ground</c>).</summary>
    public ClaimedGroundService ClaimedGround { get; }

    /// <summary>Reopens the erasure of systems whose retention has ended (run with the engine).</summary>
    public RetentionFollowUpService RetentionFollowUp { get; }

    /// <summary>The systems' pull (the Tasks function); null where no task inbox is kept.</summary>
    public SystemTasksService? SystemTasks { get; }

    /// <summary>Checks a submission by the local intake's rules (jurisdiction, phone defaults) without opening anything.</summary>
    /// <exception cref="Erasure.Errors.InvalidInputException">What is wrong with it.</exception>
    public static void ValidateSubmission(IntakeSubmission submission) =>
        IntakeService.Validate(submission, ErasureDeadlines.UnitedKingdom().Jurisdiction, PhoneNumberDefaults.UnitedKingdom);

    /// <summary>The local subject hasher: HMAC-SHA256 with the pepper.</summary>
    public static ISubjectHasher PepperedHasher(byte[] pepper) => new PepperedSubjectHasher(new SubjectHasher(pepper));
}
