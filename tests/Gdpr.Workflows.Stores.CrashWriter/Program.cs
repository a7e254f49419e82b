using System.Globalization;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Deadlines;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Stores.Sqlite;

// Usage: Gdpr.Workflows.Stores.CrashWriter <db file> <requests>
// Writes requests 0..requests-1, each: the request with its first audit event in one transaction, nine more
// events through the ledger (idempotency keys, so a resumed request never records one twice), then two status
// changes. Restarted after a kill, it redoes the last request it had begun (idempotently) and goes on.
// Prints "ready" once the file is open, "done" at the end.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Gdpr.Workflows.Stores.CrashWriter <db file> <requests>");
    return 2;
}

var total = int.Parse(args[1], CultureInfo.InvariantCulture);
using var stores = SqliteStores.Open(args[0]);
var ledger = new AuditLedger(stores.Audit, TimeProvider.System);
Console.WriteLine("ready");

var first = 0;
while (first < total && await stores.Requests.GetAsync(Id(first)) is not null)
{
    first++;
}

for (var i = Math.Max(0, first - 1); i < total; i++)
{
    var request = NewRequest(i);
    var received = AuditEvent.CreateChained(request.RequestId, 1, request.ReceivedAt,
        new AuditEventDraft(AuditEventType.RequestReceived, "intake") { SubjectHash = request.SubjectHashes[0], IdempotencyKey = "received" },
        AuditEvent.GenesisHash);
    stores.ImportBatch([request], [received]);
    for (var n = 2; n <= 10; n++)
    {
        await ledger.AppendAsync(request.RequestId, new AuditEventDraft(n == 10 ? AuditEventType.RequestCompleted : AuditEventType.SystemErased, "crash-writer")
        {
            System = n == 10 ? null : $"system-{n % 5}",
            SubjectHash = request.SubjectHashes[0],
            IdempotencyKey = $"e{n}",
        });
    }

    var stored = (await stores.Requests.GetAsync(request.RequestId))!;
    if (stored.Version == 1)
    {
        await stores.Requests.TryReplaceAsync(stored with { Version = 2, Status = RequestStatus.InProgress, UpdatedAt = DateTimeOffset.UtcNow }, 1);
        stored = (await stores.Requests.GetAsync(request.RequestId))!;
    }

    if (stored.Version == 2)
    {
        await stores.Requests.TryReplaceAsync(stored with { Version = 3, Status = RequestStatus.Completed, UpdatedAt = DateTimeOffset.UtcNow }, 2);
    }
}

Console.WriteLine("done");
return 0;

static string Id(int i) => "crash-" + i.ToString("D6", CultureInfo.InvariantCulture);

static ErasureRequest NewRequest(int i)
{
    var received = new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero).AddMinutes(i);
    var day = DateOnly.FromDateTime(received.UtcDateTime);
    return new ErasureRequest
    {
        RequestId = Id(i),
        Version = 1,
        IntakeKey = "intake-" + Id(i),
        ReceivedAt = received,
        Channel = "web-form",
        SubjectHashes = [Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i))), new string('f', 64)],
        Jurisdiction = "UK",
        Verification = IdentityVerification.NotRequired,
        Deadline = new DeadlineState(day, ClockStart.OnReceipt(day), [], [], [], day.AddMonths(1)),
        Status = RequestStatus.Received,
        UpdatedAt = received,
    };
}
