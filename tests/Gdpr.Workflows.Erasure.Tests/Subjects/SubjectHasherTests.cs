using Gdpr.Workflows.Erasure.Subjects;

namespace Gdpr.Workflows.Erasure.Tests.Subjects;

public class SubjectHasherTests
{
    private static readonly byte[] Pepper = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    // Expected values computed independently: Python hmac.new(bytes(range(32)), b"<kind:value>", sha256).hexdigest().
    [Theory]
    [InlineData("email", "d2f50c440d4fde50e73eaf12d5bc7e67022c85e3fad2a755f90b08f79a3fe03d")]
    [InlineData("customer_id", "f399a3725b25af612b45510dde49bb164a370e9387edabbc57604343ff486488")]
    public void Hash_KnownPepper_MatchesHmacSha256OfKindAndValue(string kind, string expected)
    {
        var hasher = new SubjectHasher(Pepper);
        var id = kind == "email" ? SubjectIdentifier.Email("alice@example.com") : SubjectIdentifier.CustomerId("alice@example.com");

        hasher.Hash(id).Should().Be(expected);
    }

    [Fact]
    public void Hash_PhoneInAnySpelling_MatchesHashOfE164()
    {
        var hasher = new SubjectHasher(Pepper);

        hasher.Hash(SubjectIdentifier.Phone("020 7946 0958", PhoneNumberDefaults.UnitedKingdom))
            .Should().Be("85b775e8beb0726d2d10c2e18345178842895fdf9230ec58d379ff8976896508");
    }

    [Fact]
    public void Hash_AuditorsSpellingOfEmail_FindsTheSameHash()
    {
        var hasher = new SubjectHasher(Pepper);

        hasher.Hash(SubjectIdentifier.Email(" ALICE@example.COM"))
            .Should().Be(hasher.Hash(SubjectIdentifier.Email("alice@example.com")));
    }

    [Fact]
    public void Hash_OtherPepper_GivesOtherHash()
    {
        var id = SubjectIdentifier.Email("alice@example.com");
        var other = Pepper.Select(b => (byte)(b ^ 0xFF)).ToArray();

        new SubjectHasher(other).Hash(id).Should().NotBe(new SubjectHasher(Pepper).Hash(id));
    }

    [Fact]
    public void Hash_AnyIdentifier_Is64LowercaseHexDigits()
    {
        new SubjectHasher(Pepper).Hash(SubjectIdentifier.Keyed("handle", "Al")).Should().MatchRegex("^[0-9a-f]{64}$");
    }

    [Fact]
    public void HashAll_Set_HashesEachInOrder()
    {
        var hasher = new SubjectHasher(Pepper);
        var set = SubjectIdentifiers.Of(SubjectIdentifier.Email("alice@example.com"), SubjectIdentifier.CustomerId("alice@example.com"));

        hasher.HashAll(set).Should().Equal(
            "d2f50c440d4fde50e73eaf12d5bc7e67022c85e3fad2a755f90b08f79a3fe03d",
            "f399a3725b25af612b45510dde49bb164a370e9387edabbc57604343ff486488");
    }

    [Fact]
    public void Constructor_ShortPepper_Throws()
    {
        var act = () => new SubjectHasher(new byte[31]);

        act.Should().Throw<ArgumentException>().WithMessage("*at least 32*");
    }

    [Fact]
    public void Constructor_PepperArrayChangedAfterwards_HashUnchanged()
    {
        var pepper = Pepper.ToArray();
        var hasher = new SubjectHasher(pepper);
        var before = hasher.Hash(SubjectIdentifier.Email("alice@example.com"));

        pepper[0] ^= 1;

        hasher.Hash(SubjectIdentifier.Email("alice@example.com")).Should().Be(before);
    }
}
