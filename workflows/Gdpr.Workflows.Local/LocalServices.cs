using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Deadlines;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Reply;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Erasure.Vault;

namespace Gdpr.Workflows.Local;

/// <summary>
/// The erasure services over the local ports: the stores (SQLite by default), the local master key and pepper, and the
/// workflow (the local engine, or none for read-only use). The officers' side (intake, status, verification, ...)
/// and the workflow's side (ledger, systems, erase, ...) that the function handlers call.
/// </summary>
public sealed class LocalServices
{
    public LocalServices(
        ErasureStores stores,
        IKeyWrapper keyWrapper,
        ISubjectHasher hasher,
        SystemRegistry registry,
        IEnumerable<IErasureConnector> connectors,
        IWorkflowStarter workflow,
        IWorkflowTasks tasks,
        TimeProvider time,
        ClockSettings? clock = null,
        IReplyDelivery? replies = null,
        ReplyTemplates? templates = null)
    {
        Stores = stores;
        Hasher = hasher;
        Registry = registry;
        Workflow = workflow;
        Tasks = tasks;
        Time = time;
        Deadlines = ErasureDeadlines.For(clock ?? new ClockSettings());
        Audit = new AuditLedger(stores.Audit, time);
        Vault = new SubjectVault(stores.Vault, keyWrapper, time);

        Intake = new IntakeService(stores.Requests, Vault, hasher, Audit, workflow, Deadlines, new RandomIdGenerator(time), time, PhoneNumberDefaults.UnitedKingdom);
        Status = new StatusService(stores.Requests, Deadlines, hasher, time, PhoneNumberDefaults.UnitedKingdom);
        History = new HistoryService(Audit);
        Cancel = new CancelService(stores.Requests, workflow, Audit, time);
        Verification = new VerificationService(stores.Requests, stores.TaskTokens, tasks, Officers, Audit, Deadlines, time);
        Deadline = new DeadlineService(stores.Requests, Audit, Deadlines, time);
        TaskCallbacks = new TaskCallbackService(tasks, Verification);
        Reminders = new RemindersService(stores.Requests, Officers, Deadlines, time);

        Ledger = new LedgerService(stores.Requests, Audit, Deadlines, time);
        Systems = new SystemsService(stores.Requests, registry, time);
        SyncErase = new SyncEraseService(registry, Vault, connectors, Deadlines, time);
        RecipientsNotification = new RecipientsService(registry, Vault, Recipients);
        Finalizer = new FinalizerService(stores.Requests, Audit, time);
        Shred = new ShredService(Vault, Audit, stores.Requests, time);
        Reopen = new ReopenService(stores.Requests, Vault, workflow, Audit, time);
        Replies = replies ?? new InMemoryReplyOutbox();
        Reply = new ReplyService(stores.Requests, Vault, Audit, Replies, templates ?? ReplyTemplates.Defaults, Deadlines, time, registry);
        Refusal = new RefusalService(stores.Requests, workflow, Audit, Reply, time);
        Retry = new RetryService(stores.Requests, Reopen, workflow, workflow as IWorkflowExecutions ?? throw new ArgumentException("The workflow must also describe executions (IWorkflowExecutions).", nameof(workflow)), registry, SyncErase, Ledger, Audit);
        ClaimedGround = new ClaimedGroundService(stores.Requests, Audit, time);
        RetentionFollowUp = new RetentionFollowUpService(stores.Requests, Vault, workflow, Audit, Deadlines, Officers, time);
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

    /// <summary>The async systems' inbox as the Tasks function reads it (the host's task inbox); null without one.</summary>
    public ISystemTaskInbox? SystemTasks { get; init; }

    /// <summary>What the officers were told (the OfficerTopic's local stand-in).</summary>
    public InMemoryOfficerInbox Officers { get; } = new();

    /// <summary>The Art. 19 notices sent (the recipients' local stand-in).</summary>
    public InMemoryRecipientOutbox Recipients { get; } = new();

    public IntakeService Intake { get; }

    public StatusService Status { get; }

    public HistoryService History { get; }

    public CancelService Cancel { get; }

    public VerificationService Verification { get; }

    public DeadlineService Deadline { get; }

    public TaskCallbackService TaskCallbacks { get; }

    public RemindersService Reminders { get; }

    public LedgerService Ledger { get; }

    public SystemsService Systems { get; }

    public SyncEraseService SyncErase { get; }

    public RecipientsService RecipientsNotification { get; }

    public FinalizerService Finalizer { get; }

    public ShredService Shred { get; }

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

    /// <summary>Checks a submission by the local intake's rules (jurisdiction, phone defaults) without opening anything.</summary>
    /// <exception cref="Erasure.Errors.InvalidInputException">What is wrong with it.</exception>
    public static void ValidateSubmission(IntakeSubmission submission) =>
        IntakeService.Validate(submission, ErasureDeadlines.UnitedKingdom().Jurisdiction, PhoneNumberDefaults.UnitedKingdom);

    /// <summary>The local subject hasher: HMAC-SHA256 with the pepper.</summary>
    public static ISubjectHasher PepperedHasher(byte[] pepper) => new PepperedSubjectHasher(new SubjectHasher(pepper));
}
