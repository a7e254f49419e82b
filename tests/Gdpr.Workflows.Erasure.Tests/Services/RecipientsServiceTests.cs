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

        first.Should().Be(new RecipientsNotification(RecipientNotificationStatus.Sent, null, 1));
        second.Should().Be(first);
        var notice = _h.Outbox.Sent.Should().ContainSingle().Subject;
        notice.Recipient.Name.Should().Be("Parcel carrier");
        notice.Subject.Should().Contain(SubjectIdentifier.Email(ServiceHarness.Email));
    }

    [Fact]
    public async Task NotifyAsync_OneRecipientCannotBeTold_ImpossibleWithItsReason()
    {
        var id = await _h.StartedRequestAsync();

        var result = await _h.Recipients.NotifyAsync(id, ServiceHarness.ExecutionOf(id), "marketing");

        result.Should().Be(new RecipientsNotification(RecipientNotificationStatus.Impossible, "recipient-unknown", 1));
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
