using Gdpr.Workflows.Erasure.Subjects;

namespace Gdpr.Workflows.Erasure.Tests.Subjects;

public class SubjectIdentifierTests
{
    [Fact]
    public void Email_MixedCase_NormalisesAndLabelsKind()
    {
        var id = SubjectIdentifier.Email(" Alice@Example.COM ");

        id.Kind.Should().Be(SubjectIdentifierKind.Email);
        id.Key.Should().BeNull();
        id.Value.Should().Be("alice@example.com");
        id.CanonicalForm.Should().Be("email:alice@example.com");
    }

    [Fact]
    public void Phone_NationalWithDefaults_IsE164()
    {
        var id = SubjectIdentifier.Phone("020 7946 0958", PhoneNumberDefaults.UnitedKingdom);

        id.CanonicalForm.Should().Be("phone:+442079460958");
    }

    [Fact]
    public void CustomerId_SurroundingSpaces_TrimmedWithCaseKept()
    {
        var id = SubjectIdentifier.CustomerId("  Cust-AbC-001 ");

        id.Value.Should().Be("Cust-AbC-001");
        id.CanonicalForm.Should().Be("customer_id:Cust-AbC-001");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc\u0007")]
    [InlineData("ab\u200Dc")]
    public void CustomerId_EmptyOrInvisibleCharacters_Throws(string raw)
    {
        var act = () => SubjectIdentifier.CustomerId(raw);

        act.Should().Throw<InvalidSubjectIdentifierException>().Where(e => e.Kind == SubjectIdentifierKind.CustomerId);
    }

    [Fact]
    public void CustomerId_TooLong_Throws()
    {
        var act = () => SubjectIdentifier.CustomerId(new string('x', SubjectIdentifier.MaxCustomerIdLength + 1));

        act.Should().Throw<InvalidSubjectIdentifierException>().WithMessage("*longer than 256*");
    }

    [Fact]
    public void Keyed_KeyLowerCasedValueTrimmedCaseKept()
    {
        var id = SubjectIdentifier.Keyed(" Loyalty_Number ", " AbC:123 ");

        id.Kind.Should().Be(SubjectIdentifierKind.Keyed);
        id.Key.Should().Be("loyalty_number");
        id.Value.Should().Be("AbC:123");
        id.CanonicalForm.Should().Be("keyed.loyalty_number:AbC:123");
    }

    [Theory]
    [InlineData("1abc")]
    [InlineData("has:colon")]
    [InlineData("has space")]
    [InlineData("")]
    public void Keyed_InvalidKey_Throws(string key)
    {
        var act = () => SubjectIdentifier.Keyed(key, "v");

        act.Should().Throw<InvalidSubjectIdentifierException>().WithMessage("*key must be*");
    }

    [Theory]
    [InlineData("email")]
    [InlineData("Phone")]
    [InlineData("customer_id")]
    public void Keyed_KeyOfDedicatedKind_Throws(string key)
    {
        var act = () => SubjectIdentifier.Keyed(key, "value");

        act.Should().Throw<InvalidSubjectIdentifierException>().WithMessage("*dedicated identifier kind*");
    }

    [Fact]
    public void Keyed_EmptyValue_Throws()
    {
        var act = () => SubjectIdentifier.Keyed("handle", "  ");

        act.Should().Throw<InvalidSubjectIdentifierException>().WithMessage("*empty*");
    }

    [Fact]
    public void Equals_DifferentSpellingsOfSameEmail_AreEqual()
    {
        var a = SubjectIdentifier.Email("Alice@Example.com");
        var b = SubjectIdentifier.Email(" alice@EXAMPLE.COM");

        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
    }

    [Fact]
    public void Equals_SameValueDifferentKind_AreNotEqual()
    {
        SubjectIdentifier.CustomerId("alice@example.com").Should().NotBe(SubjectIdentifier.Email("alice@example.com"));
    }

    [Fact]
    public void ToString_AnyIdentifier_RedactsTheValue()
    {
        var text = SubjectIdentifier.Email("alice@example.com").ToString();

        text.Should().Be("email:<redacted>");
    }

    [Theory]
    [InlineData(SubjectIdentifierKind.Email, null, "A@B.com", "email:a@b.com")]
    [InlineData(SubjectIdentifierKind.Phone, null, "+44 20 7946 0958", "phone:+442079460958")]
    [InlineData(SubjectIdentifierKind.CustomerId, null, " C-1 ", "customer_id:C-1")]
    [InlineData(SubjectIdentifierKind.Keyed, "Handle", "@al", "keyed.handle:@al")]
    public void Create_EachKind_UsesThatKindsNormalisation(SubjectIdentifierKind kind, string? key, string value, string expected)
    {
        SubjectIdentifier.Create(kind, key, value).CanonicalForm.Should().Be(expected);
    }
}
