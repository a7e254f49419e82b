using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Erasure.Subjects;

namespace Gdpr.Workflows.Erasure.Tests.Services;

public sealed class RecipientsServiceTests : IDisposable
{
    private readonly ServiceHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task NotifyAsync_NoRecipients_SentToNobody()
    {
        var id = await _h.StartedRequestAsync();

        var result = await _h.Recipients.NotifyAsync(id, ServiceHarness.ExecutionOf(id), "crm");

        result.Should().Be(new RecipientsNotification(RecipientNotificationStatus.Sent, "no-recipients", 0));
    }

    [Fact]
    public async Task NotifyAsync_ApiRecipient_SendsTheIdentifiersToTheRecipientOnce()
    {
        var id = await _h.StartedRequestAsync();

        var first = await _h.Recipients.NotifyAsync(id, ServiceHarness.ExecutionOf(id), "orders");
        var second = await _h.Recipients.NotifyAsync(id, ServiceHarness.ExecutionOf(id), "orders");

        first.Should().Be(new RecipientsNotification(RecipientNotificationStatus.Sent, null, 1) { Recipients = [new RecipientResult("Parcel carrier", RecipientNotificationStatus.Sent, null)] });
        second.Should().Be(first);
        var notice = _h.Outbox.Sent.Should().ContainSingle().Subject;
        notice.Recipient.Name.Should().Be("Parcel carrier");
        notice.Subject.Should().Contain(SubjectIdentifier.Email(ServiceHarness.Email));
    }

    [Fact]
    public async Task NotifyAsync_OneRecipientCannotBeTold_OnlyThatOneIsImpossible()
    {
        // marketing: "Mailer" (api) can be told, "Old partner" (none, recipient-unknown) cannot: the Mailer stays sent.
        var id = await _h.StartedRequestAsync();

        var result = await _h.Recipients.NotifyAsync(id, ServiceHarness.ExecutionOf(id), "marketing");

        result.Status.Should().Be(RecipientNotificationStatus.Sent);
        result.RecipientCount.Should().Be(1);
        result.Recipients.Should().Equal(
            new RecipientResult("Mailer", RecipientNotificationStatus.Sent, null),
            new RecipientResult("Old partner", RecipientNotificationStatus.Impossible, "recipient-unknown"));
    }

    [Fact]
    public async Task NotifyAsync_OneRecipientFailsForGood_OnlyThatOneFailsAndTheStepSaysFailed()
    {
        var id = await _h.StartedRequestAsync();
        var service = new RecipientsService(_h.Systems, _h.Vault, new AnsweringNotifier(n => n.Recipient.Name == "Mailer" ? throw new InvalidOperationException("rejected") : RecipientDelivery.Sent));

        var result = await service.NotifyAsync(id, ServiceHarness.ExecutionOf(id), "marketing");

        result.Status.Should().Be(RecipientNotificationStatus.Failed);
        result.Recipients.Should().Equal(
            new RecipientResult("Mailer", RecipientNotificationStatus.Failed, "Erasure.RecipientFailed.InvalidOperationException"),
            new RecipientResult("Old partner", RecipientNotificationStatus.Impossible, "recipient-unknown"));
    }

    [Fact]
    public void Summarise_NobodyCouldBeTold_Impossible() =>
        RecipientsService.Summarise([new RecipientResult("Old partner", RecipientNotificationStatus.Impossible, "recipient-unknown")])
            .Should().Be(new RecipientsNotification(RecipientNotificationStatus.Impossible, "recipient-unknown", 0)
            {
                Recipients = [new RecipientResult("Old partner", RecipientNotificationStatus.Impossible, "recipient-unknown")],
            });

    [Fact]
    public void IsRequiredFor_NotHeld_False()
    {
        RecipientsService.IsRequiredFor(ErasureOutcome.NotHeld).Should().BeFalse();
        RecipientsService.IsRequiredFor(ErasureOutcome.Retained).Should().BeTrue();
        RecipientsService.IsRequiredFor(ErasureOutcome.BeyondUse).Should().BeTrue();
    }

    [Fact]
    public async Task RecipientsNotifiedAsync_PerRecipient_StoredAndAuditedByName()
    {
        var id = await _h.StartedRequestAsync();
        var notification = await _h.Recipients.NotifyAsync(id, ServiceHarness.ExecutionOf(id), "marketing");

        await _h.Ledger.RecipientsNotifiedAsync(id, ServiceHarness.ExecutionOf(id), "marketing", notification);

        (await _h.RequestAsync(id)).FindSystem("marketing")!.Recipients!.Recipients.Should().HaveCount(2);
        (await _h.AuditOfAsync(id))[^1].Details["recipients"].Should().Be("Mailer=sent; Old partner=impossible:recipient-unknown");
    }

    [Fact]
    public async Task NotifyAsync_EveryRecipientConfirms_Acknowledged()
    {
        var id = await _h.StartedRequestAsync();
        var service = new RecipientsService(_h.Systems, _h.Vault, new AnsweringNotifier(_ => RecipientDelivery.Acknowledged));

        var result = await service.NotifyAsync(id, ServiceHarness.ExecutionOf(id), "orders");

        result.Status.Should().Be(RecipientNotificationStatus.Acknowledged);
    }

    [Fact]
    public async Task NotifyAsync_RecipientUnreachable_TransientError()
    {
        var id = await _h.StartedRequestAsync();
        var service = new RecipientsService(_h.Systems, _h.Vault, new AnsweringNotifier(_ => throw new TransientConnectorException()));

        var act = () => service.NotifyAsync(id, ServiceHarness.ExecutionOf(id), "orders");

        (await act.Should().ThrowAsync<TransientErasureException>()).Which.ErrorType.Should().Be(ErasureErrorTypes.TransientError);
    }

    [Fact]
    public async Task NotifyAsync_UnknownSystem_InvalidInput()
    {
        var id = await _h.StartedRequestAsync();

        var act = () => _h.Recipients.NotifyAsync(id, ServiceHarness.ExecutionOf(id), "billing");

        await act.Should().ThrowAsync<InvalidInputException>();
    }

    private sealed class AnsweringNotifier(Func<RecipientNotice, RecipientDelivery> answer) : IRecipientNotifier
    {
        public Task<RecipientDelivery> NotifyAsync(RecipientNotice notice, CancellationToken cancellationToken = default) =>
            Task.FromResult(answer(notice));
    }
}
