using Gdpr.Workflows.Erasure.Deadlines;
using static Gdpr.Workflows.Erasure.Tests.Deadlines.TestDates;

namespace Gdpr.Workflows.Erasure.Tests.Deadlines;

public class ClockStartTests
{
    [Fact]
    public void Determine_NoVerificationRequested_StartsOnReceipt()
    {
        ClockStart.Determine(D("2024-01-05"), identityVerificationRequested: false, identityVerifiedOn: null)
            .Should().Be(new ClockStart(D("2024-01-05"), ClockStartTrigger.RequestReceived));
    }

    [Fact]
    public void Determine_VerificationRequestedAndDone_StartsOnVerificationDay()
    {
        ClockStart.Determine(D("2024-01-05"), identityVerificationRequested: true, D("2024-01-12"))
            .Should().Be(new ClockStart(D("2024-01-12"), ClockStartTrigger.IdentityVerified));
    }

    [Fact]
    public void Determine_VerificationOutstanding_NotStarted()
    {
        ClockStart.Determine(D("2024-01-05"), identityVerificationRequested: true, identityVerifiedOn: null).Should().BeNull();
    }

    [Fact]
    public void Determine_VerifiedBeforeReceipt_Throws()
    {
        var determine = () => ClockStart.Determine(D("2024-01-05"), identityVerificationRequested: true, D("2024-01-04"));

        determine.Should().Throw<ArgumentException>().WithMessage("Identity verified on 2024-01-04, before the request was received on 2024-01-05*");
    }
}
