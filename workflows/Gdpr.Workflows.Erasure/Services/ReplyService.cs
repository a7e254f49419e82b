using System.Security.Cryptography;
using System.Text;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Reply;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Erasure.Vault;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>What sending the reply did: the reply's hash, the templates' versions, and whether this call sent it.</summary>
public sealed record ReplyResult(string RequestId, string Sha256, string TemplateVersion, bool SentNow);

/// <summary>
/// Sends the requester the reply (the Reply function; also the refusal path): composes it from the closed request
/// (<see cref="SubjectReply"/>), renders it from the controller's templates, delivers it to the address sealed in the
/// vault, and audits ReplySent with the SHA-256 of the text and HTML and the templates' versions, never the reply or the
/// address. The workflow sends it before it shreds the identifiers, because the address is among them.
/// </summary>
/// <remarks>
/// Art. 12(3): information on action taken, without undue delay and within one month (as extended); Art. 12(4): when no
/// action is taken, the reasons, and the possibility of complaining to the ICO and seeking a judicial remedy.
/// Idempotent per (request, execution): a retry answers what was recorded and sends nothing again.
/// </remarks>
public sealed class ReplyService(
    IRequestStore requests, SubjectVault vault, AuditLedger audit, IReplyDelivery delivery, ReplyTemplates templates, ErasureDeadlines deadlines, TimeProvider time, SystemRegistry? registry = null)
{
    public const string Actor = "reply";
    public static readonly AuditEventType ReplySent = new(nameof(ReplySent));

    /// <exception cref="ConflictException">The request is still open: there is nothing final to tell yet.</exception>
    public async Task<ReplyResult> SendAsync(string requestId, string executionId, CancellationToken cancellationToken = default)
    {
        requestId = SafeText.RequestId(requestId);
        executionId = SafeText.ExecutionId(executionId);
        var key = IdempotencyKeys.For("reply", requestId, executionId);
        if (await audit.FindAsync(requestId, key, cancellationToken) is { } recorded)
        {
            return new ReplyResult(requestId, recorded.Details["sha256"], recorded.Details["templateVersion"], SentNow: false);
        }

        var request = await requests.GetAsync(requestId, cancellationToken) ?? throw NotFoundException.Request(requestId);
        if (request.IsOpen)
        {
            throw new ConflictException($"Request {requestId} is {request.Status.Name()}: the reply is sent once it is closed.");
        }

        var rendered = Render(request);
        var address = await AddressAsync(requestId, cancellationToken);
        await delivery.DeliverAsync(new ReplyMessage(requestId, address, rendered.Subject, rendered.Text, rendered.Html, key), cancellationToken);
        var hash = Hash(rendered);
        try
        {
            await audit.AppendAsync(requestId, new AuditEventDraft(ReplySent, Actor)
            {
                IdempotencyKey = key,
                Details = new Dictionary<string, string>
                {
                    ["sha256"] = hash,
                    ["templateVersion"] = rendered.TemplateVersion,
                    ["status"] = request.Status.Name(),
                    ["addressed"] = address is null ? "no-email-address" : "email",
                    ["executionId"] = executionId,
                },
            }, cancellationToken);
        }
        catch (AuditIdempotencyConflictException e) when (e.Existing is not null)
        {
            return new ReplyResult(requestId, e.Existing.Details["sha256"], e.Existing.Details["templateVersion"], SentNow: false);
        }

        return new ReplyResult(requestId, hash, rendered.TemplateVersion, SentNow: true);
    }

    /// <summary>The reply a closed request gets (or would get), without sending or recording anything.</summary>
    public RenderedReply Render(ErasureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var answeredOn = deadlines.Day(request.Outcome?.ClosedAt ?? time.GetUtcNow());
        return templates.Render(SubjectReply.Compose(request, answeredOn, registry));
    }

    /// <summary>The hex SHA-256 the audit records: over the subject line, the text and the HTML, each followed by a NUL.</summary>
    public static string Hash(RenderedReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var bytes = Encoding.UTF8.GetBytes(reply.Subject + "\0" + reply.Text + "\0" + reply.Html + "\0");
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private async Task<string?> AddressAsync(string requestId, CancellationToken cancellationToken)
    {
        if (await vault.GetStateAsync(requestId, cancellationToken) != SubjectVaultState.Sealed)
        {
            return null;
        }

        var subject = await SubjectAccess.OpenAsync(vault, requestId, cancellationToken);
        return subject.OfKind(SubjectIdentifierKind.Email).FirstOrDefault()?.Value;
    }
}
