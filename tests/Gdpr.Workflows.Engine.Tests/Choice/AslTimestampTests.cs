using Gdpr.Workflows.Engine.Choice;

namespace Gdpr.Workflows.Engine.Tests.Choice;

public class AslTimestampTests
{
    [Theory]
    [InlineData("2016-03-14T01:59:00Z")]
    [InlineData("2016-03-14T01:59:00.1Z")]
    [InlineData("2016-03-14T01:59:00.123456789Z")]
    [InlineData("2016-03-14T01:59:00+01:00")]
    [InlineData("2016-03-14T01:59:00.5-23:59")]
    [InlineData("2024-02-29T23:59:59Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59.999999999Z")]
    public void TryParse_Rfc3339WithUppercaseTAndZ_Valid(string text)
    {
        AslTimestamp.TryParse(text, out _).Should().BeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2016-03-14")]
    [InlineData("2016-03-14T01:59:00")]
    [InlineData("2016-03-14T01:59Z")]
    [InlineData("2016-03-14t01:59:00Z")]
    [InlineData("2016-03-14T01:59:00z")]
    [InlineData("2016-03-14 01:59:00Z")]
    [InlineData("2016-03-14T01:59:00.Z")]
    [InlineData("2016-03-14T01:59:00.1234567890Z")]
    [InlineData("2016-03-14T01:59:00+0100")]
    [InlineData("2016-03-14T01:59:00+01")]
    [InlineData("2016-03-14T01:59:00+24:00")]
    [InlineData("2023-02-29T00:00:00Z")]
    [InlineData("2016-13-01T00:00:00Z")]
    [InlineData("2016-03-14T24:00:00Z")]
    [InlineData("2016-03-14T01:60:00Z")]
    [InlineData("2016-03-14T01:59:60Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("2023-02-24 12:15:56.832957")]
    [InlineData(" 2016-03-14T01:59:00Z")]
    [InlineData("2016-03-14T01:59:00Z ")]
    [InlineData("+2016-03-14T01:59:00Z")]
    public void TryParse_OtherFormats_Invalid(string? text)
    {
        AslTimestamp.TryParse(text, out _).Should().BeFalse();
    }

    [Fact]
    public void CompareTo_SameInstantDifferentOffsets_Equal()
    {
        var utc = Parse("2012-10-09T19:00:55Z");
        var india = Parse("2012-10-10T00:30:55+05:30");

        india.Should().Be(utc);
        (india <= utc && india >= utc).Should().BeTrue();
    }

    [Fact]
    public void CompareTo_NanosecondApart_Ordered()
    {
        var later = Parse("2012-10-09T19:00:55.000000001Z");
        var earlier = Parse("2012-10-09T19:00:55Z");

        (earlier < later).Should().BeTrue();
        (later > earlier).Should().BeTrue();
        later.CompareTo(earlier).Should().BePositive();
    }

    [Fact]
    public void TryParse_OffsetPastMidnightOfFirstDay_StillComparable()
    {
        var beforeEpochStart = Parse("0001-01-01T00:00:00+01:00");
        var epochStart = Parse("0001-01-01T00:00:00Z");

        (beforeEpochStart < epochStart).Should().BeTrue();
    }

    private static AslTimestamp Parse(string text)
    {
        AslTimestamp.TryParse(text, out var timestamp).Should().BeTrue(text);
        return timestamp;
    }
}
