using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Erasure.Subjects;

namespace Gdpr.Workflows.Erasure.Tests.Services;

public sealed class SyncEraseServiceTests : IDisposable
{
    private readonly ServiceHarness _h = new();

    public void Dispose() => _h.Dispose();

    private SyncEraseService With(IErasureConnector connector) =>
        new(_h.Systems, _h.Vault, [connector], _h.Deadlines, _h.Time);

    [Fact]
    public async Task EraseAsync_Erased_PassesTheVaultIdentifiersAndReturnsTheReceipt()
    {
        var id = await _h.StartedRequestAsync();

        var answer = await _h.SyncErase.EraseAsync(id, ServiceHarness.ExecutionOf(id), "crm");

        answer.Should().Be(ErasureAnswer.Erased("crm:deleted=1"));
        var call = _h.Crm.Calls.Should().ContainSingle().Subject;
        call.Subject.Should().Contain(SubjectIdentifier.Email(ServiceHarness.Email));
        call.Today.Should().Be(new DateOnly(2025, 3, 3));
        call.System.Name.Should().Be("crm");
    }

    [Fact]
    public async Task EraseAsync_Repeated_SameAnswer()
    {
        var id = await _h.StartedRequestAsync();

        var first = await _h.SyncErase.EraseAsync(id, ServiceHarness.ExecutionOf(id), "orders");
        var second = await _h.SyncErase.EraseAsync(id, ServiceHarness.ExecutionOf(id), "orders");

        second.Should().Be(first);
    }

    [Fact]
    public async Task EraseAsync_Retained_GroundComesFromTheRegistryRule()
    {
        var id = await _h.StartedRequestAsync();

        var answer = await _h.SyncErase.EraseAsync(id, ServiceHarness.ExecutionOf(id), "orders");

        answer.Should().Be(ErasureAnswer.Retained("orders:anonymised=2", RetentionGround.LegalObligation, "invoices", new DateOnly(2030, 3, 3)));
    }

    [Fact]
    public async Task EraseAsync_RetainedWithoutDate_KeptForTheDeclaredPeriod()
    {
        var id = await _h.StartedRequestAsync();
        var service = With(new TestConnector("orders", _ => new ConnectorResult(ErasureOutcome.Retained, "orders:1", "Invoices")));

        var answer = await service.EraseAsync(id, ServiceHarness.ExecutionOf(id), "orders");

        answer.Receipt.RetainUntil.Should().Be(new DateOnly(2031, 3, 3));
    }

    [Theory]
    [InlineData("contracts", 1)]
    [InlineData("invoices", 7)]
    [InlineData("invoices", -1)]
    public async Task EraseAsync_RetentionNotDeclared_UndeclaredRetention(string data, int years)
    {
        var id = await _h.StartedRequestAsync();
        var service = With(new TestConnector("orders", c => new ConnectorResult(ErasureOutcome.Retained, "orders:1", data, c.Today.AddYears(years))));

        var act = () => service.EraseAsync(id, ServiceHarness.ExecutionOf(id), "orders");

        (await act.Should().ThrowAsync<ErasureException>()).Which.ErrorType.Should().Be(ErasureErrorTypes.UndeclaredRetention);
    }

    [Fact]
    public async Task EraseAsync_TransientConnectorFailure_TransientErrorWithoutTheConnectorsMessage()
    {
        var id = await _h.StartedRequestAsync();
        var service = With(new TestConnector("crm", _ => throw new TransientConnectorException("database locked while deleting alice@example.com")));

        var act = () => service.EraseAsync(id, ServiceHarness.ExecutionOf(id), "crm");

        var error = (await act.Should().ThrowAsync<TransientErasureException>()).Which;
        error.ErrorType.Should().Be("Erasure.TransientError");
        error.Message.Should().NotContain("alice").And.Contain("TransientConnectorException");
        error.InnerException.Should().BeNull();
    }

    [Fact]
    public async Task EraseAsync_Timeout_Transient()
    {
        var id = await _h.StartedRequestAsync();
        var service = With(new TestConnector("crm", _ => throw new TimeoutException()));

        var act = () => service.EraseAsync(id, ServiceHarness.ExecutionOf(id), "crm");

        await act.Should().ThrowAsync<TransientErasureException>();
    }

    [Fact]
    public async Task EraseAsync_ConnectorBug_PermanentFailureWithoutPersonalData()
    {
        var id = await _h.StartedRequestAsync();
        var service = With(new TestConnector("crm", _ => throw new InvalidOperationException("no row for +44 20 7946 0958")));

        var act = () => service.EraseAsync(id, ServiceHarness.ExecutionOf(id), "crm");

        var error = (await act.Should().ThrowAsync<ErasureException>()).Which;
        error.ErrorType.Should().Be(ErasureErrorTypes.ConnectorFailed);
        error.Message.Should().NotContain("7946");
        error.InnerException.Should().BeNull();
    }

    [Fact]
    public async Task EraseAsync_ReceiptHoldsAnEmail_PermanentFailure()
    {
        var id = await _h.StartedRequestAsync();
        var service = With(new TestConnector("crm", _ => new ConnectorResult(ErasureOutcome.Erased, "deleted alice@example.com")));

        var act = () => service.EraseAsync(id, ServiceHarness.ExecutionOf(id), "crm");

        (await act.Should().ThrowAsync<ErasureException>()).Which.Should().BeEquivalentTo(new { ErrorType = ErasureErrorTypes.ConnectorFailed, Kind = ErasureErrorKind.Failed });
    }

    [Theory]
    [InlineData("billing", typeof(InvalidInputException))]
    [InlineData("support-desk", typeof(InvalidInputException))]
    public async Task EraseAsync_NotASyncSystem_InvalidInput(string system, Type expected)
    {
        var id = await _h.StartedRequestAsync();

        var act = () => _h.SyncErase.EraseAsync(id, ServiceHarness.ExecutionOf(id), system);

        (await act.Should().ThrowAsync<ErasureException>()).Which.Should().BeOfType(expected);
    }

    [Fact]
    public async Task EraseAsync_NoConnectorInstalled_ConnectorMissing()
    {
        var id = await _h.StartedRequestAsync();

        var act = () => With(_h.Crm).EraseAsync(id, ServiceHarness.ExecutionOf(id), "marketing");

        (await act.Should().ThrowAsync<ErasureException>()).Which.ErrorType.Should().Be(ErasureErrorTypes.ConnectorMissing);
    }

    [Fact]
    public async Task EraseAsync_VaultShredded_SubjectUnavailable()
    {
        var id = await _h.StartedRequestAsync();
        await _h.Vault.ShredAsync(id);

        var act = () => _h.SyncErase.EraseAsync(id, ServiceHarness.ExecutionOf(id), "crm");

        (await act.Should().ThrowAsync<ErasureException>()).Which.ErrorType.Should().Be(ErasureErrorTypes.SubjectUnavailable);
        _h.Crm.Calls.Should().BeEmpty();
    }
}
