using System.Text.Json;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Services;

namespace Gdpr.Workflows.Erasure.Tests.Services;

public sealed class StatusServiceTests : IDisposable
{
    private readonly ServiceHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task GetAsync_InProgress_StatusDeadlineAndSystems()
    {
        var id = await _h.StartedRequestAsync();
        await _h.Ledger.SystemErasedAsync(id, ServiceHarness.ExecutionOf(id), "orders",
            ErasureAnswer.Retained("orders:2", RetentionGround.LegalObligation, "invoices", new DateOnly(2031, 3, 3)));
        _h.Time.Advance(TimeSpan.FromDays(10));

        var view = await _h.Status.GetAsync(id);

        view.Status.Should().Be("InProgress");
        view.Deadline.Should().BeEquivalentTo(new { DueDate = new DateOnly(2025, 4, 3), DaysLeft = 21, Overdue = false, Provisional = false });
        view.Deadline.Explanation.Should().Contain(line => line.Contains("Due on Thursday 3 April 2025", StringComparison.Ordinal));
        view.Systems.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            System = "orders",
            Status = "Retained",
            RetentionGround = "Art. 17(3)(b)",
            RetainUntil = new DateOnly(2031, 3, 3),
        });
    }

    [Fact]
    public async Task GetAsync_AwaitingVerification_ExplainsTheProvisionalDate()
    {
        var intake = await _h.Intake.SubmitAsync(ServiceHarness.Submission());

        var view = await _h.Status.GetAsync(intake.RequestId);

        view.Deadline.Provisional.Should().BeTrue();
        view.Deadline.Explanation[0].Should().Contain("Identity verification is awaited");
    }

    [Fact]
    public async Task GetAsync_View_HoldsNoSubjectHashes()
    {
        var id = await _h.StartedRequestAsync();
        var request = await _h.RequestAsync(id);

        var json = JsonSerializer.Serialize(await _h.Status.GetAsync(id));

        request.SubjectHashes.Should().AllSatisfy(hash => json.Should().NotContain(hash));
    }

    [Fact]
    public async Task GetAsync_Unknown_NotFound()
    {
        var act = () => _h.Status.GetAsync("req-missing");

        await act.Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public async Task ListOpenAsync_Overdue_FirstWithNegativeDaysLeft()
    {
        var early = await _h.StartedRequestAsync();
        _h.Time.Advance(TimeSpan.FromDays(20));
        var later = (await _h.Intake.SubmitAsync(ServiceHarness.Submission(authenticated: true, idempotencyKey: "second"))).RequestId;
        _h.Time.Advance(TimeSpan.FromDays(20));

        var page = await _h.Status.ListOpenAsync();

        page.Items.Select(i => i.RequestId).Should().Equal(early, later);
        page.Items[0].Should().BeEquivalentTo(new { Overdue = true, DaysLeft = -9 });
    }

    [Fact]
    public async Task ListOpenAsync_Paged_TokenLeadsToTheNextPage()
    {
        await _h.StartedRequestAsync();
        await _h.Intake.SubmitAsync(ServiceHarness.Submission(idempotencyKey: "second"));

        var first = await _h.Status.ListOpenAsync(pageSize: 1);
        var second = await _h.Status.ListOpenAsync(pageSize: 1, first.ContinuationToken);

        first.Items.Should().ContainSingle();
        second.Items.Should().ContainSingle().Which.RequestId.Should().NotBe(first.Items[0].RequestId);
    }

    [Fact]
    public async Task ListByStatusAsync_Cancelled_OnlyThose()
    {
        var cancelled = await _h.StartedRequestAsync();
        await _h.Cancel.CancelAsync(cancelled, "officer-1");
        await _h.Intake.SubmitAsync(ServiceHarness.Submission(idempotencyKey: "second"));

        var page = await _h.Status.ListByStatusAsync(RequestStatus.Cancelled);

        page.Items.Should().ContainSingle().Which.Should().BeEquivalentTo(new { RequestId = cancelled, DaysLeft = (int?)null, Overdue = false });
    }

    [Fact]
    public async Task FindBySubjectAsync_OtherSpellingOfTheEmail_FindsTheRequest()
    {
        var id = await _h.StartedRequestAsync();

        var page = await _h.Status.FindBySubjectAsync(new IdentifierInput("email", "  alice.smith@EXAMPLE.com "));
        var phone = await _h.Status.FindBySubjectAsync(new IdentifierInput("phone", "020 7946 0958"));

        page.Items.Should().ContainSingle().Which.RequestId.Should().Be(id);
        phone.Items.Should().ContainSingle();
    }

    [Fact]
    public async Task FindBySubjectAsync_InvalidIdentifier_InvalidInput()
    {
        var act = () => _h.Status.FindBySubjectAsync(new IdentifierInput("email", "not-an-address"));

        await act.Should().ThrowAsync<InvalidInputException>();
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(10, "garbage")]
    public async Task ListOpenAsync_BadPaging_InvalidInput(int pageSize, string? token)
    {
        var act = () => _h.Status.ListOpenAsync(pageSize, token);

        await act.Should().ThrowAsync<InvalidInputException>();
    }
}
