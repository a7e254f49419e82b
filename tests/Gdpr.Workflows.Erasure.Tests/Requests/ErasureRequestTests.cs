using Gdpr.Workflows.Erasure.Deadlines;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Tests.Requests;

public class ErasureRequestTests
{
    [Theory]
    [InlineData(RequestStatus.Received, true)]
    [InlineData(RequestStatus.AwaitingVerification, true)]
    [InlineData(RequestStatus.InProgress, true)]
    [InlineData(RequestStatus.Completed, false)]
    [InlineData(RequestStatus.CompletedWithExceptions, false)]
    [InlineData(RequestStatus.Failed, false)]
    [InlineData(RequestStatus.Cancelled, false)]
    [InlineData(RequestStatus.Rejected, false)]
    public void IsOpen_ByStatus_OpenUntilFinal(RequestStatus status, bool open)
    {
        TestRequests.New("req-1", status).IsOpen.Should().Be(open);
        status.IsFinal().Should().Be(!open);
    }

    [Fact]
    public void FindSystem_Recorded_ReturnsItsState()
    {
        var request = TestRequests.New("req-1") with
        {
            Systems = [new SystemErasureState("crm", SystemErasureStatus.Erased), new SystemErasureState("orders", SystemErasureStatus.Pending)],
        };

        request.FindSystem("orders")!.Status.Should().Be(SystemErasureStatus.Pending);
        request.FindSystem("marketing").Should().BeNull();
    }

    [Fact]
    public void DeadlineState_OpenPauseOrNoClockStart_Reported()
    {
        var day = new DateOnly(2025, 3, 3);
        var awaiting = new DeadlineState(day, null, [], [], [], day.AddMonths(1));
        var stopped = new DeadlineState(day, ClockStart.OnReceipt(day), [new ClockPause(day.AddDays(2))], [], [], null);

        awaiting.IsProvisional.Should().BeTrue();
        awaiting.IsClockStopped.Should().BeFalse();
        stopped.IsProvisional.Should().BeFalse();
        stopped.IsClockStopped.Should().BeTrue();
    }

    [Theory]
    [InlineData("InProgress", RequestStatus.InProgress)]
    [InlineData("completedwithexceptions", RequestStatus.CompletedWithExceptions)]
    public void RequestStatusesTryParse_Name_Parses(string text, RequestStatus expected)
    {
        RequestStatuses.TryParse(text, out var status).Should().BeTrue();
        status.Should().Be(expected);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("Open")]
    [InlineData(null)]
    public void RequestStatusesTryParse_NotAName_Fails(string? text) =>
        RequestStatuses.TryParse(text, out _).Should().BeFalse();

    [Fact]
    public void IdentityVerification_Awaiting_BlocksClock()
    {
        IdentityVerification.Awaiting.BlocksClock.Should().BeTrue();
        IdentityVerification.NotRequired.BlocksClock.Should().BeFalse();
        IdentityVerification.Verified("id-document", TestRequests.Received, "officer-1").Should()
            .Be(new IdentityVerification(VerificationState.Verified, "id-document", null, TestRequests.Received, "officer-1"));
    }
}
