using Gdpr.Workflows.Erasure.Subjects;

namespace Gdpr.Workflows.Erasure.Tests.Subjects;

public class EmailAddressNormalizerTests
{
    [Theory]
    [InlineData("  Alice.Smith+News@Example.COM ", "alice.smith+news@example.com")]
    [InlineData("alice@example.com.", "alice@example.com")]
    [InlineData("o'brien-x_y@sub.example.co.uk", "o'brien-x_y@sub.example.co.uk")]
    [InlineData("bob@bücher.de", "bob@xn--bcher-kva.de")]
    [InlineData("Bob@BÜCHER.DE", "bob@xn--bcher-kva.de")]
    [InlineData("bob@XN--BCHER-KVA.de", "bob@xn--bcher-kva.de")]
    [InlineData("josé@example.com", "josé@example.com")]
    [InlineData("用户@例子.广告", "用户@xn--fsqu00a.xn--4rr70v")]
    [InlineData("alice@xn--pypal-4ve.com", "alice@xn--pypal-4ve.com")]
    public void Normalize_ValidAddress_ReturnsCanonicalForm(string raw, string expected)
    {
        EmailAddressNormalizer.Normalize(raw).Should().Be(expected);
    }

    [Theory]
    [InlineData("  Alice.Smith+News@Example.COM ")]
    [InlineData("Bob@BÜCHER.DE")]
    [InlineData("用户@例子.广告")]
    public void Normalize_AlreadyNormalised_IsUnchanged(string raw)
    {
        var once = EmailAddressNormalizer.Normalize(raw);

        EmailAddressNormalizer.Normalize(once).Should().Be(once);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("alice.example.com", "no @")]
    [InlineData("alice@bob@example.com", "more than one @")]
    [InlineData("\"alice\"@example.com", "U+0022")]
    [InlineData("alice smith@example.com", "whitespace")]
    [InlineData("alice@exa mple.com", "whitespace")]
    [InlineData("alice\u0000@example.com", "control or invisible")]
    [InlineData("alice@exam\u200Bple.com", "control or invisible")]
    [InlineData("alice@example.com\u202E", "control or invisible")]
    [InlineData("@example.com", "nothing before the @")]
    [InlineData("alice@", "nothing after the @")]
    [InlineData(".alice@example.com", "dot")]
    [InlineData("al..ice@example.com", "dot")]
    [InlineData("alice@localhost", "at least two labels")]
    [InlineData("alice@[192.0.2.1]", "IP-address literals")]
    [InlineData("alice@example..com", "empty label")]
    [InlineData("alice@-example.com", "hyphen")]
    [InlineData("alice@example.123", "numeric")]
    [InlineData("alice@exa_mple.com", "U+005F")]
    [InlineData("alice@ab--cd.com", "xn--")]
    [InlineData("alice@xn--zz.com", "does not decode")]
    [InlineData("alice@xn--a.com", "U+0080")]
    [InlineData("alice@xn--ls8h.la", "U+1F4A9")]
    public void Normalize_InvalidAddress_ThrowsWithReason(string raw, string reason)
    {
        var act = () => EmailAddressNormalizer.Normalize(raw);

        act.Should().Throw<InvalidSubjectIdentifierException>()
            .Where(e => e.Kind == SubjectIdentifierKind.Email && e.Message.Contains(reason, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("alice@p\u0430ypal.com")] // Cyrillic "а" among Latin letters
    [InlineData("alice@\u0440\u0430ypal.com")] // Cyrillic "р" and "а"
    [InlineData("alice@g\u03BFogle.com")] // Greek omicron
    public void Normalize_MixedScriptLookAlikeDomain_Throws(string raw)
    {
        var act = () => EmailAddressNormalizer.Normalize(raw);

        act.Should().Throw<InvalidSubjectIdentifierException>().WithMessage("*mixes Latin, Greek or Cyrillic*");
    }

    [Fact]
    public void Normalize_FullWidthDomain_Throws()
    {
        var act = () => EmailAddressNormalizer.Normalize("alice@\uFF45\uFF58\uFF41\uFF4D\uFF50\uFF4C\uFF45.com");

        act.Should().Throw<InvalidSubjectIdentifierException>().WithMessage("*full-width*");
    }

    [Fact]
    public void Normalize_FullWidthLocalPart_Throws()
    {
        var act = () => EmailAddressNormalizer.Normalize("\uFF41lice@example.com");

        act.Should().Throw<InvalidSubjectIdentifierException>().WithMessage("*full-width*");
    }

    [Fact]
    public void Normalize_DecomposedDomain_ThrowsAskingForComposedForm()
    {
        var act = () => EmailAddressNormalizer.Normalize("bob@bu\u0308cher.de");

        act.Should().Throw<InvalidSubjectIdentifierException>().WithMessage("*combining marks*composed form*");
    }

    [Fact]
    public void Normalize_NonLetterSymbolInDomain_Throws()
    {
        var act = () => EmailAddressNormalizer.Normalize("alice@exa\u2024mple.com"); // one-dot leader, a dot look-alike

        act.Should().Throw<InvalidSubjectIdentifierException>().WithMessage("*U+2024*");
    }

    [Fact]
    public void Normalize_AddressOver254Characters_Throws()
    {
        var label = new string('a', 61);
        var act = () => EmailAddressNormalizer.Normalize($"alicealice@{label}.{label}.{label}.{label}.com");

        act.Should().Throw<InvalidSubjectIdentifierException>().WithMessage("*address is longer than 254*");
    }

    [Fact]
    public void Normalize_DomainOver253Characters_Throws()
    {
        var label = new string('a', 63);
        var act = () => EmailAddressNormalizer.Normalize($"a@{label}.{label}.{label}.{label}.com");

        act.Should().Throw<InvalidSubjectIdentifierException>().WithMessage("*domain is longer than 253*");
    }

    [Fact]
    public void Normalize_LabelOver63Characters_Throws()
    {
        var act = () => EmailAddressNormalizer.Normalize($"a@{new string('a', 64)}.com");

        act.Should().Throw<InvalidSubjectIdentifierException>().WithMessage("*label is longer than 63*");
    }

    [Fact]
    public void Normalize_LocalPartOver64Bytes_Throws()
    {
        var act = () => EmailAddressNormalizer.Normalize(new string('a', 65) + "@example.com");

        act.Should().Throw<InvalidSubjectIdentifierException>().WithMessage("*local part is longer than 64 bytes*");
    }

    [Fact]
    public void Normalize_Rejected_MessageDoesNotRepeatTheAddress()
    {
        var act = () => EmailAddressNormalizer.Normalize("secret.person@p\u0430ypal.com");

        act.Should().Throw<InvalidSubjectIdentifierException>()
            .Which.Message.Should().NotContain("secret.person").And.NotContain("ypal");
    }
}
