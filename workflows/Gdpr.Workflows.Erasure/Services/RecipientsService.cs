using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Vault;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>
/// Art. 19 (the Recipients function): tells every recipient a system disclosed the subject's data to that it must be
/// erased, and answers <c>{status, reason, recipientCount, recipients: [{name, status, reason}]}</c>.
/// </summary>
/// <remarks>
/// <para>Each recipient is tracked by name with its own status: "sent" or "acknowledged" when told, "impossible" (its
/// registry reason) when it cannot be told, "failed" (the error's type name) when telling it failed for good. One
/// impossible recipient does not mark the others: the overall status is "failed" when any notice failed (the reminder
/// chases it), else "impossible" only when nobody could be told, else "acknowledged" when every recipient told confirmed,
/// else "sent". <c>recipientCount</c> is the number of recipients actually told.</para>
/// <para>Art. 19 applies to the data that was erased: a system that held nothing (<see cref="ErasureOutcome.NotHeld"/>)
/// disclosed nothing about the subject, so the workflow does not call this for it (<see cref="IsRequiredFor"/>).
/// ICO, "Right to erasure": "If you have disclosed the personal data to others, you must contact each recipient and
/// inform them of the erasure, unless this proves impossible or involves disproportionate effort. If asked to, you must
/// also inform the individuals about these recipients." The reply to the subject lists them (<see cref="ReplyService"/>).</para>
/// <para>Idempotent: every notice carries a key per (request, system, recipient), so a retry is not sent twice.</para>
/// </remarks>
public sealed class RecipientsService(SystemRegistry registry, SubjectVault vault, IRecipientNotifier notifier)
{
    public const string NoRecipients = "no-recipients";

    /// <summary>True when a system's answer means its recipients must be told (it held data: erased, retained, beyond use).</summary>
    public static bool IsRequiredFor(ErasureOutcome outcome) => outcome != ErasureOutcome.NotHeld;

    public async Task<RecipientsNotification> NotifyAsync(string requestId, string executionId, string system, CancellationToken cancellationToken = default)
    {
        requestId = SafeText.RequestId(requestId);
        SafeText.ExecutionId(executionId);
        var definition = registry.Find(SafeText.SystemName(system))
            ?? throw new InvalidInputException($"System '{system}' is not in the registry.");
        if (definition.Recipients.Count == 0)
        {
            return new RecipientsNotification(RecipientNotificationStatus.Sent, NoRecipients, 0);
        }

        var results = new List<RecipientResult>();
        var subject = definition.Recipients.Any(r => r.Method != RecipientMethod.None)
            ? await SubjectAccess.OpenAsync(vault, requestId, cancellationToken)
            : null;
        foreach (var recipient in definition.Recipients)
        {
            if (recipient.Method == RecipientMethod.None || subject is null)
            {
                results.Add(new RecipientResult(recipient.Name, RecipientNotificationStatus.Impossible, recipient.ImpossibleReason));
                continue;
            }

            var key = IdempotencyKeys.For("art19", requestId, definition.Name, recipient.Name);
            results.Add(await SendAsync(new RecipientNotice(recipient, requestId, definition.Name, subject, key), definition.Name, cancellationToken));
        }

        return Summarise(results);
    }

    /// <summary>The overall status of the per-recipient results (see the remarks).</summary>
    public static RecipientsNotification Summarise(IReadOnlyList<RecipientResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var told = results.Where(r => r.Status is RecipientNotificationStatus.Sent or RecipientNotificationStatus.Acknowledged).ToList();
        var failed = results.FirstOrDefault(r => r.Status == RecipientNotificationStatus.Failed);
        var impossible = results.FirstOrDefault(r => r.Status == RecipientNotificationStatus.Impossible);
        var (status, reason) = failed is not null ? (RecipientNotificationStatus.Failed, failed.Reason)
            : told.Count == 0 && impossible is not null ? (RecipientNotificationStatus.Impossible, impossible.Reason)
            : told.Count > 0 && told.All(r => r.Status == RecipientNotificationStatus.Acknowledged) ? (RecipientNotificationStatus.Acknowledged, null)
            : (RecipientNotificationStatus.Sent, (string?)null);
        return new RecipientsNotification(status, reason, told.Count) { Recipients = results };
    }

    private async Task<RecipientResult> SendAsync(RecipientNotice notice, string system, CancellationToken cancellationToken)
    {
        try
        {
            var delivery = await notifier.NotifyAsync(notice, cancellationToken);
            var status = delivery == RecipientDelivery.Acknowledged ? RecipientNotificationStatus.Acknowledged : RecipientNotificationStatus.Sent;
            return new RecipientResult(notice.Recipient.Name, status, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is TransientConnectorException or TimeoutException)
        {
            // The whole step is retried; the notices already sent are not sent twice (their keys).
            throw new TransientErasureException($"A recipient of system '{system}' could not be told now ({e.GetType().Name}); it will be retried.");
        }
        catch (Exception e)
        {
            // A permanent failure marks this recipient only; the exception's message could quote the notice, so only its type is kept.
            return new RecipientResult(notice.Recipient.Name, RecipientNotificationStatus.Failed, "Erasure.RecipientFailed." + e.GetType().Name);
        }
    }
}
