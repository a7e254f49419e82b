using Gdpr.Workflows.Erasure.Subjects;

namespace Gdpr.Workflows.Erasure.Tests.Subjects;

public class PhoneNumberNormalizerTests
{
    [Theory]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    [InlineData("  +44-20-7946-0958 ", "+442079460958")]
    [InlineData("+44 (0)20 7946 0958", "+442079460958")]
    [InlineData("0044 20 7946 0958", "+442079460958")]
    [InlineData("+1 (415) 555-2671", "+14155552671")]
    [InlineData("+33.1.23.45.67.89", "+33123456789")]
    [InlineData("+442079460958", "+442079460958")]
    public void Normalize_InternationalNumber_ReturnsE164(string raw, string expected)
    {
        PhoneNumberNormalizer.Normalize(raw).Should().Be(expected);
    }

    [Theory]
    [InlineData("020 7946 0958", "+442079460958")]
    [InlineData("(020) 7946-0958", "+442079460958")]
    [InlineData("07700 900123", "+447700900123")]
    public void Normalize_UkNationalNumberWithUkDefaults_DropsTrunkPrefixAndAdds44(string raw, string expected)
    {
        PhoneNumberNormalizer.Normalize(raw, PhoneNumberDefaults.UnitedKingdom).Should().Be(expected);
    }

    [Fact]
    public void Normalize_NationalNumberOfCountryWithoutTrunkPrefix_KeepsLeadingZero()
    {
        var italy = new PhoneNumberDefaults("39", trunkPrefix: null);

        PhoneNumberNormalizer.Normalize("06 1234 5678", italy).Should().Be("+390612345678");
    }

    [Fact]
    public void Normalize_InternationalNumberWithDefaults_IgnoresDefaults()
    {
        PhoneNumberNormalizer.Normalize("+1 415 555 2671", PhoneNumberDefaults.UnitedKingdom).Should().Be("+14155552671");
    }

    [Theory]
    [InlineData("+44 20 7946 0958")]
    [InlineData("0044 (0)20 7946 0958")]
    public void Normalize_AlreadyNormalised_IsUnchanged(string raw)
    {
        var once = PhoneNumberNormalizer.Normalize(raw);

        PhoneNumberNormalizer.Normalize(once).Should().Be(once);
    }

    [Theory]
    [InlineData("020 7946 0958", "no country calling code")]
    [InlineData("+44 20 7946 0958 ext 12", "letters")]
    [InlineData("+1 800 FLOWERS", "letters")]
    [InlineData("+1234567", "8 to 15 digits")]
    [InlineData("+1234567890123456", "8 to 15 digits")]
    [InlineData("+0 1234 5678", "cannot start with 0")]
    [InlineData("+44 20+7946 0958", "'+'")]
    [InlineData("+44/20/7946/0958", "U+002F")]
    [InlineData("\uFF0B44 20 7946 0958", "U+FF0B")]
    [InlineData("+44 20 \u0667946 0958", "U+0667")]
    [InlineData("+44\u000020 7946 0958", "control or invisible")]
    [InlineData("", "empty")]
    public void Normalize_InvalidNumber_ThrowsWithReason(string raw, string reason)
    {
        var act = () => PhoneNumberNormalizer.Normalize(raw);

        act.Should().Throw<InvalidSubjectIdentifierException>()
            .Where(e => e.Kind == SubjectIdentifierKind.Phone && e.Message.Contains(reason, StringComparison.Ordinal));
    }
}
