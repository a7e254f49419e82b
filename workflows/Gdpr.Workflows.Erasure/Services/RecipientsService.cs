using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Vault;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>
/// Art. 19 (the Recipients function): tells every recipient a system disclosed the subject's data to that it must be
/// erased, and answers <c>{status, reason, recipientCount}</c>.
/// </summary>
/// <remarks>
/// <para>Status: "impossible" when any recipient cannot be told (its reason code given); else "acknowledged" when every
/// recipient confirmed; else "sent". A system without recipients answers "sent" to nobody, reason "no-recipients".
/// <c>recipientCount</c> is the number of recipients actually told.</para>
/// <para>Idempotent: every notice carries a key per (request, system, recipient), so a retry is not sent twice.</para>
/// </remarks>
public sealed class RecipientsService(SystemRegistry registry, SubjectVault vault, IRecipientNotifier notifier)
{
    public const string NoRecipients = "no-recipients";

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

        var reachable = definition.Recipients.Where(r => r.Method != RecipientMethod.None).ToList();
        var impossible = definition.Recipients.FirstOrDefault(r => r.Method == RecipientMethod.None);
        var deliveries = new List<RecipientDelivery>();
        if (reachable.Count > 0)
        {
            var subject = await SubjectAccess.OpenAsync(vault, requestId, cancellationToken);
            foreach (var recipient in reachable)
            {
                var key = IdempotencyKeys.For("art19", requestId, definition.Name, recipient.Name);
                deliveries.Add(await SendAsync(new RecipientNotice(recipient, requestId, definition.Name, subject, key), definition.Name, cancellationToken));
            }
        }

        if (impossible is not null)
        {
            return new RecipientsNotification(RecipientNotificationStatus.Impossible, impossible.ImpossibleReason, deliveries.Count);
        }

        var status = deliveries.All(d => d == RecipientDelivery.Acknowledged) ? RecipientNotificationStatus.Acknowledged : RecipientNotificationStatus.Sent;
        return new RecipientsNotification(status, null, deliveries.Count);
    }

    private async Task<RecipientDelivery> SendAsync(RecipientNotice notice, string system, CancellationToken cancellationToken)
    {
        try
        {
            return await notifier.NotifyAsync(notice, cancellationToken);
        }
        catch (Exception e) when (e is TransientConnectorException or TimeoutException)
        {
            throw new TransientErasureException($"A recipient of system '{system}' could not be told now ({e.GetType().Name}); it will be retried.");
        }
    }
}
