using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Deadlines;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.Reminders;
using Gdpr.Workflows.Local;
using Gdpr.Workflows.Local.Composition;
using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.Functions.Tests.Support;

/// <summary>
/// Every function over in-memory ports, a fake clock and sequential ids, built by the local host's composition root
/// (<see cref="LocalServices"/> and <see cref="LocalFunctions.Functions"/>). One per test.
/// </summary>
internal sealed class FunctionHarness : IDisposable
{
    /// <summary>Monday 3 March 2025, 09:30 in London (GMT).</summary>
    public static readonly DateTimeOffset Start = new(2025, 3, 3, 9, 30, 0, TimeSpan.Zero);

    public const string Email = "Alice.Smith@Example.com";
    public const string Phone = "+44 20 7946 0958";
    public const string CustomerId = "CUST-4711";
    public const string OfficerArn = "arn:aws:sts::123456789012:assumed-role/GdprOfficer/jsmith";

    /// <summary>Every form of the subject's identifiers that must never appear in an answer or error.</summary>
    public static readonly string[] PersonalData = [Email, Email.ToLowerInvariant(), "alice.smith", Phone, "+442079460958", "2079460958", CustomerId];

    private const string Registry = """
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
          - name: support-desk
            owner: support
            mode: async
            timeoutSeconds: 86400
            heartbeatSeconds: 3600
        """;

    private readonly LocalKeyWrapper _keys = new(LocalKeyWrapper.GenerateMasterKey());

    /// <param name="engine">Starts and answers executions on a local engine; <see cref="Workflow"/> records them when null.</param>
    /// <param name="clock">The deadline settings; UK GDPR's defaults when null.</param>
    public FunctionHarness(LocalEngineWorkflow? engine = null, ClockSettings? clock = null)
    {
        Orders = new TestConnector("orders", c => new ConnectorResult(ErasureOutcome.Retained, "orders:anonymised=2", "invoices", c.Today.AddYears(5)));
        Crm = new TestConnector("crm", _ => new ConnectorResult(ErasureOutcome.Erased, "crm:deleted=1"));
        Services = new LocalServices(new LocalPorts
        {
            Stores = new ErasureStores(Requests, AuditStore, AuditStore, VaultStore, Tokens, owner: null),
            KeyWrapper = _keys,
            SubjectHasher = LocalServices.PepperedHasher(new byte[32]),
            Workflow = engine is null ? Workflow : engine,
            WorkflowTasks = engine is null ? Workflow : engine,
            Officers = Officers,
            Recipients = Outbox,
            Registry = SystemRegistry.Parse(Registry, "test-registry.yaml"),
            Connectors = [Orders, Crm],
            Clock = clock ?? new ClockSettings(),
            Ids = new SequentialIdGenerator(),
            Time = Time,
            OverdueMetric = OverdueMetric,
            SystemTasks = SystemTasks = new InMemorySystemTaskInbox(Requests, Time, Tokens),
        });
        Functions = LocalFunctions.Functions(Services);
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public InMemoryRequestStore Requests { get; } = new();

    public InMemoryTaskTokenStore Tokens { get; } = new();

    public InMemoryAuditLedgerStore AuditStore { get; } = new();

    public InMemorySubjectVaultStore VaultStore { get; } = new();

    public InMemoryOfficerInbox Officers { get; } = new();

    public InMemoryRecipientOutbox Outbox { get; } = new();

    public InMemoryOverdueRequestsMetric OverdueMetric { get; } = new();

    public InMemorySystemTaskInbox SystemTasks { get; }

    public RecordingWorkflow Workflow { get; } = new();

    public TestConnector Orders { get; }

    public TestConnector Crm { get; }

    public LocalServices Services { get; }

    public IReadOnlyDictionary<string, IJsonFunction> Functions { get; }

    public IJsonFunction Function(string name) => Functions[LocalFunctions.Prefix + name];

    public static string ExecutionOf(string requestId) => RecordingWorkflow.ExecutionIdOf(requestId);

    /// <summary>The intake body of the test subject: an email address, a phone number and a customer id.</summary>
    public static JsonObject IntakeBody(bool authenticated = false, string? idempotencyKey = null) => new()
    {
        ["identifiers"] = new JsonArray(
            new JsonObject { ["kind"] = "email", ["value"] = Email },
            new JsonObject { ["kind"] = "phone", ["value"] = Phone },
            new JsonObject { ["kind"] = "customer_id", ["value"] = CustomerId }),
        ["channel"] = "web-form",
        ["requesterAuthenticated"] = authenticated,
        ["idempotencyKey"] = idempotencyKey,
    };

    /// <summary>Submits the test subject through the Intake function; returns the new request id.</summary>
    public async Task<string> SubmitAsync(bool authenticated = true)
    {
        var response = await Function("Intake").HandleAsync(HttpEvents.Post("/requests", IntakeBody(authenticated)), CancellationToken.None);
        return HttpEvents.Body(response)["requestId"]!.GetValue<string>();
    }

    /// <summary>Submits and records the workflow's start, as the definition's first step does.</summary>
    public async Task<string> StartedRequestAsync(bool authenticated = true)
    {
        var requestId = await SubmitAsync(authenticated);
        await Function("Ledger").HandleAsync(StepPayload(requestId, ("event", "RequestStarted")), CancellationToken.None);
        return requestId;
    }

    /// <summary><c>{requestId, executionId, ...fields}</c>, as the definition's Payload templates build them.</summary>
    public static JsonObject StepPayload(string requestId, params (string Name, JsonNode? Value)[] fields)
    {
        var payload = new JsonObject { ["requestId"] = requestId, ["executionId"] = ExecutionOf(requestId) };
        foreach (var (name, value) in fields)
        {
            payload[name] = value;
        }

        return payload;
    }

    public void Dispose() => _keys.Dispose();
}
