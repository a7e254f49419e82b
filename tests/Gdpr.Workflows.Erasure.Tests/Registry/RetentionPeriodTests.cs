using Gdpr.Workflows.Erasure.Registry;

namespace Gdpr.Workflows.Erasure.Tests.Registry;

public class RetentionPeriodTests
{
    [Theory]
    [InlineData("6y", 6, 0, 0)]
    [InlineData("P6Y", 6, 0, 0)]
    [InlineData("18m", 0, 18, 0)]
    [InlineData("1y6m", 1, 6, 0)]
    [InlineData("90d", 0, 0, 90)]
    [InlineData("P1Y2M3D", 1, 2, 3)]
    public void TryParse_Valid_ReadsTheUnits(string text, int years, int months, int days)
    {
        RetentionPeriod.TryParse(text, out var period).Should().BeTrue();
        period.Should().Be(new RetentionPeriod(years, months, days));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0y")]
    [InlineData("six years")]
    [InlineData("6w")]
    [InlineData("P")]
    [InlineData("101y")]
    [InlineData(null)]
    public void TryParse_Invalid_Fails(string? text) => RetentionPeriod.TryParse(text, out _).Should().BeFalse();

    [Fact]
    public void AddTo_LeapDay_ClampsToTheMonth()
    {
        new RetentionPeriod(6).AddTo(new DateOnly(2024, 2, 29)).Should().Be(new DateOnly(2030, 2, 28));
    }

    [Fact]
    public void ToString_Units_Readable()
    {
        new RetentionPeriod(1, 6).ToString().Should().Be("1 year 6 months");
        new RetentionPeriod(6).ToString().Should().Be("6 years");
    }

    [Fact]
    public void Constructor_Zero_Throws()
    {
        var act = () => new RetentionPeriod(0);

        act.Should().Throw<ArgumentException>();
    }
}
