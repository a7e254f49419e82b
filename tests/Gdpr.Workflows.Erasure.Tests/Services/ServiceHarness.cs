using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Erasure.Vault;
using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.Erasure.Tests.Services;

/// <summary>Every service wired to in-memory ports, a fake clock and sequential ids: one per test.</summary>
internal sealed class ServiceHarness : IDisposable
{
    /// <summary>Monday 3 March 2025, 09:30 in London (GMT).</summary>
    public static readonly DateTimeOffset Start = new(2025, 3, 3, 9, 30, 0, TimeSpan.Zero);

    public const string Email = "Alice.Smith@Example.com";
    public const string Phone = "+44 20 7946 0958";
    public const string CustomerId = "CUST-4711";

    public const string Registry = """
        systems:
          - name: orders
            owner: commerce
            mode: sync
            retention:
              - {data: invoices, ground: "Art. 17(3)(b)", period: 6y}
            recipients:
              - {name: Parcel carrier, method: api, address: "https://carrier.example/erase"}
          - name: crm
            owner: sales
            mode: sync
          - name: marketing
            owner: marketing
            mode: sync
            recipients:
              - {name: Mailer, method: api, address: "https://mailer.example/erase"}
              - {name: Old partner, method: none, impossibleReason: recipient-unknown}
          - name: support-desk
            owner: support
            mode: async
            timeoutSeconds: 86400
            heartbeatSeconds: 3600
        """;

    private readonly LocalKeyWrapper _keys = new(LocalKeyWrapper.GenerateMasterKey());

    public ServiceHarness(IIdGenerator? ids = null, Erasure.Deadlines.ClockSettings? clock = null)
    {
        Deadlines = clock is null ? ErasureDeadlines.UnitedKingdom() : ErasureDeadlines.For(clock);
        Ids = ids ?? new SequentialIdGenerator();
        Vault = new SubjectVault(VaultStore, _keys, Time);
        Audit = new AuditLedger(AuditStore, Time);
        Hasher = new PepperedSubjectHasher(new SubjectHasher(new byte[32]));
        Systems = SystemRegistry.Parse(Registry, "test-registry.yaml");
        Orders = new TestConnector("orders", c => new ConnectorResult(ErasureOutcome.Retained, "orders:anonymised=2", "invoices", c.Today.AddYears(5)));
        Crm = new TestConnector("crm", _ => new ConnectorResult(ErasureOutcome.Erased, "crm:deleted=1"));
        Marketing = new TestConnector("marketing", _ => new ConnectorResult(ErasureOutcome.NotHeld, "marketing:none"));
        Intake = new IntakeService(Requests, Vault, Hasher, Audit, Workflow, Deadlines, Ids, Time, PhoneNumberDefaults.UnitedKingdom);
        Ledger = new LedgerService(Requests, Audit, Deadlines, Time);
        Verification = new VerificationService(Requests, Tokens, Workflow, Officers, Audit, Deadlines, Time);
        SystemsList = new SystemsService(Requests, Systems, Time);
        SyncErase = new SyncEraseService(Systems, Vault, [Orders, Crm, Marketing], Deadlines, Time);
        Recipients = new RecipientsService(Systems, Vault, Outbox);
        Finalizer = new FinalizerService(Requests, Audit, Time);
        Shredder = new ShredService(Vault, Audit, Requests, Time);
        Reopen = new ReopenService(Requests, Vault, Workflow, Audit, Time);
        Status = new StatusService(Requests, Deadlines, Hasher, Time, PhoneNumberDefaults.UnitedKingdom);
        History = new HistoryService(Audit);
        Cancel = new CancelService(Requests, Workflow, Audit, Time);
        Callbacks = new TaskCallbackService(Workflow, Verification);
        DeadlineActions = new DeadlineService(Requests, Audit, Deadlines, Time);
        Reminders = new RemindersService(Requests, Officers, Deadlines, Time);
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public IIdGenerator Ids { get; }

    public InMemoryRequestStore Requests { get; } = new();

    public InMemoryTaskTokenStore Tokens { get; } = new();

    public InMemoryAuditLedgerStore AuditStore { get; } = new();

    public InMemorySubjectVaultStore VaultStore { get; } = new();

    public InMemoryOfficerInbox Officers { get; } = new();

    public InMemoryRecipientOutbox Outbox { get; } = new();

    public RecordingWorkflow Workflow { get; } = new();

    public ErasureDeadlines Deadlines { get; }

    public SubjectVault Vault { get; }

    public AuditLedger Audit { get; }

    public ISubjectHasher Hasher { get; }

    public SystemRegistry Systems { get; }

    public TestConnector Orders { get; }

    public TestConnector Crm { get; }

    public TestConnector Marketing { get; }

    public IntakeService Intake { get; }

    public LedgerService Ledger { get; }

    public VerificationService Verification { get; }

    public SystemsService SystemsList { get; }

    public SyncEraseService SyncErase { get; }

    public RecipientsService Recipients { get; }

    public FinalizerService Finalizer { get; }

    public ShredService Shredder { get; }

    public ReopenService Reopen { get; }

    public StatusService Status { get; }

    public HistoryService History { get; }

    public CancelService Cancel { get; }

    public TaskCallbackService Callbacks { get; }

    public DeadlineService DeadlineActions { get; }

    public RemindersService Reminders { get; }

    public static IntakeSubmission Submission(bool authenticated = false, string? idempotencyKey = null) => new(
        [new IdentifierInput("email", Email), new IdentifierInput("phone", Phone), new IdentifierInput("customer_id", CustomerId)],
        "web-form",
        authenticated,
        idempotencyKey);

    /// <summary>Takes a request in and records the workflow's start, as the definition's first step does.</summary>
    public async Task<string> StartedRequestAsync(bool authenticated = true)
    {
        var intake = await Intake.SubmitAsync(Submission(authenticated));
        await Ledger.RequestStartedAsync(intake.RequestId, RecordingWorkflow.ExecutionIdOf(intake.RequestId));
        return intake.RequestId;
    }

    public static string ExecutionOf(string requestId) => RecordingWorkflow.ExecutionIdOf(requestId);

    public async Task<ErasureRequest> RequestAsync(string requestId) => (await Requests.GetAsync(requestId))!;

    public async Task<IReadOnlyList<AuditEvent>> AuditOfAsync(string requestId) => await Audit.ReadAsync(requestId);

    public void Dispose() => _keys.Dispose();
}
