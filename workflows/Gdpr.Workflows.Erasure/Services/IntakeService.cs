using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Erasure.Vault;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>
/// One identifier as submitted: <paramref name="Kind"/> is "email", "phone", "customer_id" or "keyed" (then
/// <paramref name="Key"/> names it, e.g. "loyalty"). Personal data: it goes to the vault and nowhere else.
/// </summary>
public sealed record IdentifierInput(string Kind, string Value, string? Key = null)
{
    /// <summary>Kinds only; the value is redacted.</summary>
    public override string ToString() => $"IdentifierInput {{ Kind = {Kind}, Key = {Key}, Value = <redacted> }}";
}

/// <summary>
/// An erasure request as submitted (POST /requests).
/// </summary>
/// <param name="Identifiers">Who is to be erased: 1 to 64 identifiers.</param>
/// <param name="Channel">How it arrived: a short code such as "web-form", "email", "portal".</param>
/// <param name="RequesterAuthenticated">True when the channel already authenticated the requester (a logged-in portal): no identity check, and the clock starts on receipt.</param>
/// <param name="IdempotencyKey">The client's key for this submission; without it, the same identifiers through the same channel on the same day are one submission.</param>
/// <param name="Jurisdiction">Whose bank holidays apply: uk-ew, uk-sct or uk-ni; default the controller's setting.</param>
/// <param name="ReceivedAt">
/// When the request arrived (the clock starts on that day, Art. 12(3)); default now. A request keyed in later keeps its
/// real arrival; a future one is refused.
/// </param>
public sealed record IntakeSubmission(
    IReadOnlyList<IdentifierInput> Identifiers,
    string Channel,
    bool RequesterAuthenticated = false,
    string? IdempotencyKey = null,
    string? Jurisdiction = null,
    DateTimeOffset? ReceivedAt = null);

/// <summary>
/// What intake answers: ids, status and dates only. <see cref="Created"/> is false for a repeated submission
/// (the first request is returned). <see cref="DueDateIsProvisional"/>: the clock starts when identity is verified;
/// until then the due date bounds the verification.
/// </summary>
public sealed record IntakeResult(string RequestId, bool Created, RequestStatus Status, DateOnly? DueDate, bool DueDateIsProvisional, string? ExecutionId);

/// <summary>
/// Takes in an erasure request (the Intake function): validates and normalises the identifiers, hashes them, seals
/// them in the vault, computes the deadline, stores the request, audits it and starts the workflow.
/// </summary>
/// <remarks>
/// Idempotent: the same submission again (same idempotency key) finds the first request and only completes what a
/// crash may have left undone (vault, audit, start); the stored request never holds a raw identifier.
/// </remarks>
public sealed class IntakeService(
    IRequestStore requests,
    SubjectVault vault,
    ISubjectHasher hasher,
    AuditLedger audit,
    IWorkflowStarter workflow,
    ErasureDeadlines deadlines,
    IIdGenerator ids,
    TimeProvider timeProvider,
    PhoneNumberDefaults? phoneDefaults = null)
{
    public const string Actor = "intake";
    public const string RequestIdPrefix = "req";
    private const int MaxIdAttempts = 5;

    public async Task<IntakeResult> SubmitAsync(IntakeSubmission submission, CancellationToken cancellationToken = default)
    {
        var (channel, identifiers) = Check(submission, deadlines.Jurisdiction, phoneDefaults);
        var now = timeProvider.GetUtcNow();
        var receivedAt = ReceivedAt(submission, now, deadlines);
        var rules = deadlines.Of(submission.Jurisdiction ?? deadlines.Jurisdiction);
        var hashes = await HashAsync(identifiers, cancellationToken);

        var receivedOn = rules.Day(receivedAt);
        var intakeKey = IntakeKey(submission.IdempotencyKey, channel, receivedOn, hashes);
        var request = await CreateAsync(submission, channel, hashes, intakeKey, receivedAt, now, receivedOn, rules, cancellationToken);
        var created = request.Outcome == CreateRequestOutcome.Created;
        var stored = request.Request;
        if (!stored.SubjectHashes.ToHashSet(StringComparer.Ordinal).SetEquals(hashes))
        {
            throw new ConflictException($"The idempotency key was already used for request {stored.RequestId}, with other identifiers; use a new key for a new request.");
        }

        await SealAsync(stored.RequestId, identifiers, cancellationToken);
        await AuditReceivedAsync(stored, cancellationToken);

        string? executionId = null;
        if (stored.IsOpen)
        {
            executionId = (await workflow.StartAsync(stored.RequestId, cancellationToken)).ExecutionId;
        }

        return new IntakeResult(stored.RequestId, created, stored.Status, stored.Deadline.DueDate, stored.Deadline.IsProvisional, executionId ?? stored.ExecutionId);
    }

    /// <summary>
    /// Checks a submission by the rules <see cref="SubmitAsync"/> applies, storing nothing: a caller can refuse bad input
    /// before it opens stores or takes locks (the command line does, so bad input is exit 2 even while the engine is busy).
    /// </summary>
    /// <exception cref="InvalidInputException">What is wrong, never repeating an identifier.</exception>
    public static void Validate(IntakeSubmission submission, string jurisdiction, PhoneNumberDefaults? phoneDefaults) =>
        Check(submission, jurisdiction, phoneDefaults);

    private static (string Channel, SubjectIdentifiers Identifiers) Check(IntakeSubmission submission, string serviceJurisdiction, PhoneNumberDefaults? phoneDefaults)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var channel = SafeText.Code(submission.Channel, "channel");
        ErasureDeadlines.Parse(submission.Jurisdiction ?? serviceJurisdiction);

        CheckClientKey(submission.IdempotencyKey);
        return (channel, Normalise(submission.Identifiers, phoneDefaults));
    }

    /// <summary>
    /// The arrival instant: given, or now; never in the future. A later time today (a date alone stands for noon UTC)
    /// is now: only the day counts.
    /// </summary>
    private static DateTimeOffset ReceivedAt(IntakeSubmission submission, DateTimeOffset now, ErasureDeadlines rules)
    {
        if (submission.ReceivedAt is not { } at || at <= now)
        {
            return submission.ReceivedAt ?? now;
        }

        return rules.Day(at) > rules.Day(now)
            ? throw new InvalidInputException("'receivedAt' is in the future: give when the request arrived, now or earlier.")
            : now;
    }

    private static void CheckClientKey(string? clientKey)
    {
        if (clientKey is not null && (clientKey.Length is < 1 or > 128 || !clientKey.All(c => c is >= '!' and <= '~')))
        {
            throw new InvalidInputException("'idempotencyKey' must be 1 to 128 printable ASCII characters without spaces.");
        }
    }

    private static SubjectIdentifiers Normalise(IReadOnlyList<IdentifierInput>? inputs, PhoneNumberDefaults? phoneDefaults)
    {
        if (inputs is null || inputs.Count == 0)
        {
            throw new InvalidInputException("'identifiers' must name the data subject at least once.");
        }

        if (inputs.Count > SubjectIdentifiers.MaxCount)
        {
            throw new InvalidInputException($"'identifiers' takes at most {SubjectIdentifiers.MaxCount} identifiers.");
        }

        var parsed = new List<SubjectIdentifier>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i] ?? throw new InvalidInputException($"identifiers[{i}] is missing.");
            var kind = input.Kind?.Trim().ToLowerInvariant() switch
            {
                "email" => SubjectIdentifierKind.Email,
                "phone" => SubjectIdentifierKind.Phone,
                "customer_id" or "customerid" or "customer-id" => SubjectIdentifierKind.CustomerId,
                "keyed" => SubjectIdentifierKind.Keyed,
                _ => throw new InvalidInputException($"identifiers[{i}].kind must be email, phone, customer_id or keyed."),
            };
            try
            {
                parsed.Add(SubjectIdentifier.Create(kind, input.Key, input.Value, phoneDefaults));
            }
            catch (InvalidSubjectIdentifierException e)
            {
                // The exception's message never repeats the value, so it can be passed on.
                throw new InvalidInputException($"identifiers[{i}]: {e.Message}", e);
            }
        }

        return SubjectIdentifiers.Of(parsed);
    }

    // Each hash is a KMS round trip on AWS and they do not depend on each other: a few at a time, in the identifiers' order.
    private async Task<List<string>> HashAsync(SubjectIdentifiers identifiers, CancellationToken cancellationToken)
    {
        const int atOnce = 8;
        var hashes = new List<string>(identifiers.Count);
        foreach (var batch in identifiers.Chunk(atOnce))
        {
            hashes.AddRange(await Task.WhenAll(batch.Select(identifier => hasher.HashAsync(identifier, cancellationToken).AsTask())));
        }

        return hashes;
    }

    private async Task<CreateRequestResult> CreateAsync(
        IntakeSubmission submission, string channel, List<string> hashes, string intakeKey, DateTimeOffset receivedAt, DateTimeOffset now, DateOnly receivedOn, ErasureDeadlines rules, CancellationToken cancellationToken)
    {
        // Art. 12(6): identity is asked for only where there is reasonable doubt; none when the channel authenticated the
        // requester, or is one the controller trusts (setting trustedChannels).
        var identified = submission.RequesterAuthenticated || rules.Settings.IsTrusted(channel);
        var verification = identified ? IdentityVerification.NotRequired : IdentityVerification.Awaiting;
        var deadline = rules.Initial(receivedOn, clockStarts: identified);
        for (var attempt = 0; attempt < MaxIdAttempts; attempt++)
        {
            var request = new ErasureRequest
            {
                RequestId = ids.NewId(RequestIdPrefix),
                Version = 1,
                IntakeKey = intakeKey,
                ReceivedAt = receivedAt,
                Channel = channel,
                SubjectHashes = hashes,
                Jurisdiction = rules.Jurisdiction,
                Verification = verification,
                Deadline = deadline,
                Status = RequestStatus.Received,
                UpdatedAt = now,
            };
            var result = await requests.CreateAsync(request, cancellationToken);
            if (result.Outcome != CreateRequestOutcome.RequestIdTaken)
            {
                return result;
            }
        }

        throw new TransientErasureException($"{MaxIdAttempts} generated request ids in a row were taken; try again.");
    }

    private async Task SealAsync(string requestId, SubjectIdentifiers identifiers, CancellationToken cancellationToken)
    {
        try
        {
            await vault.SealAsync(requestId, identifiers, cancellationToken);
        }
        catch (SubjectVaultException e) when (e.Failure == SubjectVaultFailure.AlreadySealed)
        {
            throw new ConflictException($"Request {requestId} already holds other identifiers in the vault.", e);
        }
    }

    private async Task AuditReceivedAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        var dueDate = request.Deadline.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "none";
        await audit.AppendAllAsync(request.RequestId, [
            new AuditEventDraft(AuditEventType.RequestReceived, Actor)
            {
                SubjectHash = request.SubjectHashes[0],
                IdempotencyKey = "intake:received",
                Details = new Dictionary<string, string>
                {
                    ["channel"] = request.Channel,
                    ["identifiers"] = request.SubjectHashes.Count.ToString(CultureInfo.InvariantCulture),
                    ["verification"] = request.Verification.State.ToString(),
                    ["jurisdiction"] = request.Jurisdiction,
                    ["receivedOn"] = request.Deadline.ReceivedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["dueDate"] = dueDate,
                    ["dueDateProvisional"] = request.Deadline.IsProvisional ? "true" : "false",
                },
            },
            new AuditEventDraft(AuditEventType.SubjectsSealed, Actor)
            {
                IdempotencyKey = "intake:sealed",
                Details = new Dictionary<string, string> { ["identifiers"] = request.SubjectHashes.Count.ToString(CultureInfo.InvariantCulture) },
            },
        ], cancellationToken);
    }

    /// <summary>SHA-256 hex of the client's key, or of what makes two submissions the same one.</summary>
    private static string IntakeKey(string? clientKey, string channel, DateOnly receivedOn, List<string> hashes)
    {
        string material;
        if (clientKey is not null)
        {
            CheckClientKey(clientKey);
            material = "client\n" + clientKey;
        }
        else
        {
            material = $"derived\n{channel}\n{receivedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}\n{string.Join(',', hashes.Order(StringComparer.Ordinal))}";
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)));
    }
}
