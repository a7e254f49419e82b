using System.Globalization;
using System.Security.Cryptography;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Deadlines;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Benchmarks.Stores;

/// <summary>
/// The benchmark's synthetic history, reproducible from the request number alone: N requests received evenly
/// over two years, each with 5 systems and 10 hash-chained audit events; one in ten still open (most of them
/// overdue by "now", the end of the two years).
/// </summary>
internal sealed class StoresDataSet(int requests)
{
    public const int Systems = 5;
    public const int EventsPerRequest = 10;

    public static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Span = TimeSpan.FromDays(730);

    public int Requests { get; } = requests;

    public static string RequestId(int i) => "r" + i.ToString("D8", CultureInfo.InvariantCulture);

    public static string SubjectHash(int i) => Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i)));

    public DateTimeOffset ReceivedAt(int i)
    {
        var ticks = Span.Ticks / Requests * i;
        return Epoch.AddTicks(ticks - (ticks % TimeSpan.TicksPerMillisecond));
    }

    public DateOnly DayOf(int i) => DateOnly.FromDateTime(ReceivedAt(i).UtcDateTime);

    public ErasureRequest Request(int i)
    {
        var received = ReceivedAt(i);
        var day = DateOnly.FromDateTime(received.UtcDateTime);
        var open = i % 10 == 0;
        var status = open
            ? (RequestStatus)(i / 10 % 3)
            : (i % 10) switch { 1 => RequestStatus.CompletedWithExceptions, 2 => RequestStatus.Cancelled, 3 => RequestStatus.Rejected, _ => RequestStatus.Completed };
        return new ErasureRequest
        {
            RequestId = RequestId(i),
            Version = 1,
            IntakeKey = "intake-" + RequestId(i),
            ReceivedAt = received,
            Channel = "web-form",
            SubjectHashes = [SubjectHash(i)],
            Jurisdiction = "UK",
            Verification = IdentityVerification.NotRequired,
            Deadline = new DeadlineState(day, ClockStart.OnReceipt(day), [], [], [], day.AddMonths(1).AddDays(i % 7)),
            Status = status,
            Systems = Enumerable.Range(1, Systems)
                .Select(s => new SystemErasureState($"system-{s}", open ? SystemErasureStatus.Dispatched : SystemErasureStatus.Erased)
                {
                    Attempts = 1,
                    Receipt = open ? null : $"rcpt-{i}-{s}",
                    UpdatedAt = received.AddHours(s),
                })
                .ToList(),
            ExecutionId = "arn:aws:states:eu-west-2:123456789012:execution:erasure:" + RequestId(i),
            UpdatedAt = received.AddHours(Systems + 1),
        };
    }

    public List<AuditEvent> Events(int i)
    {
        var requestId = RequestId(i);
        var subject = SubjectHash(i);
        var received = ReceivedAt(i);
        var events = new List<AuditEvent>(EventsPerRequest);
        for (var n = 1; n <= EventsPerRequest; n++)
        {
            var draft = n switch
            {
                1 => new AuditEventDraft(AuditEventType.RequestReceived, "intake") { SubjectHash = subject },
                2 => new AuditEventDraft(AuditEventType.IdentityVerified, "officer-1"),
                3 => new AuditEventDraft(AuditEventType.SubjectsSealed, "intake") { SubjectHash = subject },
                9 => new AuditEventDraft(AuditEventType.SubjectsShredded, "vault-shredder") { SubjectHash = subject },
                10 => new AuditEventDraft(AuditEventType.RequestCompleted, "finalizer") { Details = new Dictionary<string, string> { ["erased"] = "5" } },
                _ => new AuditEventDraft(AuditEventType.SystemErased, "sync-erase") { System = $"system-{n - 3}", Details = new Dictionary<string, string> { ["receipt"] = $"rcpt-{i}-{n - 3}" } },
            };
            events.Add(AuditEvent.CreateChained(requestId, n, received.AddMinutes(n * 7), draft with { IdempotencyKey = $"step-{n}" },
                events.Count == 0 ? AuditEvent.GenesisHash : events[^1].Hash));
        }

        return events;
    }
}
