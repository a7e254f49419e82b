using Gdpr.Workflows.Erasure.Subjects;

namespace Gdpr.Workflows.Erasure.Tests.Subjects;

public class PhoneNumberDefaultsTests
{
    [Fact]
    public void UnitedKingdom_Is44WithTrunkPrefixZero()
    {
        PhoneNumberDefaults.UnitedKingdom.Should().Be(new PhoneNumberDefaults("44", "0"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("044")]
    [InlineData("1234")]
    [InlineData("+44")]
    public void Constructor_InvalidCountryCallingCode_Throws(string callingCode)
    {
        var act = () => new PhoneNumberDefaults(callingCode);

        act.Should().Throw<ArgumentException>().WithParameterName("countryCallingCode");
    }

    [Theory]
    [InlineData("")]
    [InlineData("012")]
    [InlineData("a")]
    public void Constructor_InvalidTrunkPrefix_Throws(string prefix)
    {
        var act = () => new PhoneNumberDefaults("44", prefix);

        act.Should().Throw<ArgumentException>().WithParameterName("trunkPrefix");
    }
}
