using System.Globalization;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Reply;

/// <summary>What one system's part of the reply says.</summary>
public sealed record ReplySystem(string System, bool Processor);

/// <summary>Data kept under an Art. 17(3) ground: what, where, why and until when.</summary>
public sealed record ReplyKept(string System, string Data, RetentionGround Ground, DateOnly Until);

/// <summary>Backups put beyond use and the day they expire.</summary>
public sealed record ReplyBackups(string System, string Data, DateOnly ExpiresOn);

/// <summary>An Art. 19 recipient and what became of the notice.</summary>
public sealed record ReplyRecipient(string System, string Name, RecipientNotificationStatus Status, string? Reason);

/// <summary>
/// The response to the requester (Art. 12(3)/(4)), built from the closed request: what was erased, what was kept and why
/// (ground, until), backups put beyond use and when they expire, the recipients told (Art. 19), or why nothing was done
/// (refused under Art. 12(5), identity not confirmed), and always the right to complain to the ICO and to a judicial
/// remedy (Art. 12(4), Art. 77 and 79). It holds no identifier of the subject: it names the request, systems and
/// organisations only, so a copy can be kept after the identifiers are shredded.
/// </summary>
/// <remarks>
/// ICO, "Right to erasure": explain which exemption applies to data kept; be "absolutely clear with individuals as to
/// what will happen to their data ... including in respect of backup systems"; Art. 19: "If asked to, you must also
/// inform the individuals about these recipients" (we always do). ICO, "Manifestly unfounded and excessive requests":
/// when refusing, tell the individual the reasons, their right to complain to the ICO and their ability to seek to
/// enforce the right through the courts, without undue delay and within one month.
/// </remarks>
public sealed record SubjectReply
{
    public required string RequestId { get; init; }

    public required DateOnly ReceivedOn { get; init; }

    public required DateOnly AnsweredOn { get; init; }

    public required RequestStatus Status { get; init; }

    public ErasureGround? ClaimedGround { get; init; }

    public RequestRefusal? Refusal { get; init; }

    /// <summary>Set when identity was rejected or not confirmed in time: the reason code, or "not-confirmed-in-time".</summary>
    public string? NotVerifiedReason { get; init; }

    public IReadOnlyList<ReplySystem> Erased { get; init; } = [];

    public IReadOnlyList<string> NotHeld { get; init; } = [];

    public IReadOnlyList<ReplyKept> Kept { get; init; } = [];

    public IReadOnlyList<ReplyBackups> Backups { get; init; } = [];

    /// <summary>Systems whose erasure is not confirmed yet (failed, did not answer): they will be written about again.</summary>
    public IReadOnlyList<string> Pending { get; init; } = [];

    public IReadOnlyList<ReplyRecipient> Recipients { get; init; } = [];

    /// <summary>The reply for a closed request. <paramref name="registry"/> (optional) says which systems a processor runs.</summary>
    public static SubjectReply Compose(ErasureRequest request, DateOnly answeredOn, SystemRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        bool Processor(string system) => registry?.Find(system)?.Role == SystemRole.Processor;
        var systems = request.Systems;
        return new SubjectReply
        {
            RequestId = request.RequestId,
            ReceivedOn = request.Deadline.ReceivedOn,
            AnsweredOn = answeredOn,
            Status = request.Status,
            ClaimedGround = request.ClaimedGround?.Ground,
            Refusal = request.Status == RequestStatus.Refused ? request.Refusal : null,
            NotVerifiedReason = request.Status != RequestStatus.Rejected ? null
                : request.Verification.State == VerificationState.Expired ? "not-confirmed-in-time"
                : request.Verification.Reason ?? "identity-not-confirmed",
            // Data kept or in backups was erased from everything else the system holds: it counts among the erased.
            Erased = [.. systems.Where(s => s.Status is SystemErasureStatus.Erased or SystemErasureStatus.Retained or SystemErasureStatus.BeyondUse)
                .Select(s => new ReplySystem(s.System, Processor(s.System)))],
            NotHeld = [.. systems.Where(s => s.Status == SystemErasureStatus.NotFound).Select(s => s.System)],
            Kept = [.. systems.Where(s => s is { Status: SystemErasureStatus.Retained, RetentionGround: not null, RetainUntil: not null })
                .Select(s => new ReplyKept(s.System, s.RetainedData ?? "records", s.RetentionGround!.Value, s.RetainUntil!.Value))],
            Backups = [.. systems.Where(s => s is { Status: SystemErasureStatus.BeyondUse, RetainUntil: not null })
                .Select(s => new ReplyBackups(s.System, s.RetainedData ?? "backups", s.RetainUntil!.Value))],
            Pending = [.. systems.Where(s => s.Status is SystemErasureStatus.Failed or SystemErasureStatus.Pending or SystemErasureStatus.Dispatched or SystemErasureStatus.AwaitingCallback)
                .Select(s => s.System)],
            Recipients = [.. systems.Where(s => s.IsSettled && s.Status != SystemErasureStatus.NotFound)
                .SelectMany(s => (s.Recipients?.Recipients ?? []).Select(r => new ReplyRecipient(s.System, r.Name, r.Status, r.Reason)))],
        };
    }

    /// <summary>The template model: values are strings or booleans, lists are lists of such dictionaries.</summary>
    public IReadOnlyDictionary<string, object?> ToModel()
    {
        var refused = Status == RequestStatus.Refused && Refusal is not null;
        var answered = Status is RequestStatus.Completed or RequestStatus.CompletedWithExceptions or RequestStatus.Failed;
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["requestId"] = RequestId,
            ["receivedOn"] = Day(ReceivedOn),
            ["answeredOn"] = Day(AnsweredOn),
            ["status"] = Status.Name(),
            ["claimedGround"] = ClaimedGround?.Describe(),
            ["claimedGroundArticle"] = ClaimedGround?.Article(),
            ["refused"] = refused,
            ["refusalReason"] = Refusal?.ReasonName,
            ["refusalDetail"] = Refusal?.Detail,
            ["notVerified"] = NotVerifiedReason is not null,
            ["notVerifiedReason"] = NotVerifiedReason,
            ["answered"] = answered,
            ["erased"] = List(Erased, e => new() { ["system"] = e.System, ["processor"] = e.Processor }),
            ["notHeldList"] = string.Join(", ", NotHeld),
            ["hasKept"] = Kept.Count > 0,
            ["kept"] = List(Kept, k => new()
            {
                ["system"] = k.System,
                ["data"] = k.Data,
                ["ground"] = k.Ground.Article(),
                ["groundText"] = GroundText(k.Ground),
                ["until"] = Day(k.Until),
            }),
            ["hasBackups"] = Backups.Count > 0,
            ["backups"] = List(Backups, b => new() { ["system"] = b.System, ["data"] = b.Data, ["expiresOn"] = Day(b.ExpiresOn) }),
            ["hasPending"] = Pending.Count > 0,
            ["pending"] = List(Pending, p => new() { ["system"] = p }),
            ["hasRecipients"] = Recipients.Count > 0,
            ["recipients"] = List(Recipients, r => new() { ["system"] = r.System, ["name"] = r.Name, ["outcome"] = Outcome(r) }),
        };
    }

    /// <summary>Why the law lets us keep data, in plain words (Art. 17(3)).</summary>
    public static string GroundText(RetentionGround ground) => ground switch
    {
        RetentionGround.FreedomOfExpression => "we need it to exercise the right of freedom of expression and information",
        RetentionGround.LegalObligation => "the law requires us to keep it",
        RetentionGround.PublicHealth => "it is needed for reasons of public interest in public health",
        RetentionGround.ArchivingOrResearch => "it is needed for archiving in the public interest, research or statistics",
        RetentionGround.LegalClaims => "we need it to establish, exercise or defend legal claims",
        _ => throw new ArgumentOutOfRangeException(nameof(ground), ground, "Unknown ground."),
    };

    private static string Outcome(ReplyRecipient recipient) => recipient.Status switch
    {
        RecipientNotificationStatus.Acknowledged => "told, and they confirmed the erasure",
        RecipientNotificationStatus.Sent => "told",
        RecipientNotificationStatus.Impossible => recipient.Reason == "recipient-unknown"
            ? "we could not tell them: we no longer know who they are"
            : "we could not tell them: doing so proved impossible or would involve disproportionate effort",
        _ => "we have not been able to tell them yet; we are trying again",
    };

    private static List<IReadOnlyDictionary<string, object?>> List<T>(IEnumerable<T> items, Func<T, Dictionary<string, object?>> map) =>
        [.. items.Select(i => (IReadOnlyDictionary<string, object?>)map(i))];

    private static string Day(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
