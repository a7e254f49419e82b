using Gdpr.Workflows.Erasure.Deadlines;
using Microsoft.Extensions.Time.Testing;
using static Gdpr.Workflows.Erasure.Tests.Deadlines.TestDates;

namespace Gdpr.Workflows.Erasure.Tests.Deadlines;

public class DeadlinePolicyTests
{
    private readonly DeadlinePolicy _london = DeadlinePolicy.EuropeLondon();

    [Theory]
    // BST began at 01:00 UTC on Sunday 31 March 2024 and ended at 01:00 UTC on Sunday 27 October 2024.
    [InlineData("2024-03-30T23:30:00Z", "2024-03-30", "GMT: local time equals UTC")]
    [InlineData("2024-03-31T00:30:00Z", "2024-03-31", "still GMT, half an hour before the change")]
    [InlineData("2024-03-31T23:30:00Z", "2024-04-01", "BST: 00:30 local on 1 April")]
    [InlineData("2024-10-26T23:30:00Z", "2024-10-27", "BST: 00:30 local on 27 October")]
    [InlineData("2024-10-27T23:30:00Z", "2024-10-27", "GMT again: 23:30 local")]
    [InlineData("2024-06-30T23:00:00Z", "2024-07-01", "midnight BST is 23:00 UTC the day before")]
    public void LocalDate_AroundBstChanges_UsesLondonCalendarDay(string utc, string expected, string why)
    {
        _london.LocalDate(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)).Should().Be(D(expected), why);
    }

    [Theory]
    [InlineData("2024-03-31T23:30:00Z", "2024-05-01", "received 1 April (BST) → Wed 1 May")]
    [InlineData("2024-03-30T23:30:00Z", "2024-04-30", "received 30 March (GMT) → Tue 30 April")]
    [InlineData("2024-03-31T00:30:00Z", "2024-04-30", "received 31 March (GMT) → no 31 April: Tue 30 April")]
    [InlineData("2024-10-26T23:30:00Z", "2024-11-27", "received 27 October (BST) → Wed 27 November")]
    public void ClockStartFor_ReceiptNearBstChange_DeadlineFromLocalDay(string receivedUtc, string expectedDue, string why)
    {
        var calculator = new DeadlineCalculator(UkHolidayCalendar.For(UkJurisdiction.EnglandAndWales));
        var start = _london.ClockStartFor(DateTimeOffset.Parse(receivedUtc, System.Globalization.CultureInfo.InvariantCulture));

        calculator.Compute(start!.Value, []).DueDate.Should().Be(D(expectedDue), why);
    }

    [Fact]
    public void ClockStartFor_VerificationRequestedAndDone_StartsOnLocalVerificationDay()
    {
        var start = _london.ClockStartFor(
            new DateTimeOffset(2024, 7, 1, 10, 0, 0, TimeSpan.Zero),
            identityVerificationRequested: true,
            identityVerifiedAt: new DateTimeOffset(2024, 7, 8, 23, 15, 0, TimeSpan.Zero));

        start.Should().Be(ClockStart.OnIdentityVerified(D("2024-07-09")));
    }

    [Fact]
    public void Today_FromTimeProvider_IsLondonDay()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 8, 31, 23, 30, 0, TimeSpan.Zero));

        _london.Today(time).Should().Be(D("2024-09-01"));
    }

    [Fact]
    public void ForTimeZone_UnknownZone_FailsNamingTheFix()
    {
        var create = () => DeadlinePolicy.ForTimeZone("Nowhere/Atlantis");

        create.Should().Throw<InvalidOperationException>()
            .WithMessage("Time zone 'Nowhere/Atlantis' is not available*tzdata*")
            .WithInnerException<TimeZoneNotFoundException>();
    }

    [Fact]
    public void EuropeLondon_IsTheDefaultZone()
    {
        _london.Zone.Id.Should().Be(DeadlinePolicy.DefaultTimeZoneId);
    }
}
