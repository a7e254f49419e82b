using Gdpr.Workflows.Erasure.Subjects;

namespace Gdpr.Workflows.Erasure.Tests.Subjects;

public class SubjectIdentifiersTests
{
    [Fact]
    public void Of_Duplicates_KeepsFirstOccurrenceOrder()
    {
        var set = SubjectIdentifiers.Of(
            SubjectIdentifier.Email("Alice@Example.com"),
            SubjectIdentifier.CustomerId("C-1"),
            SubjectIdentifier.Email("alice@example.com"));

        set.Should().HaveCount(2);
        set[0].Kind.Should().Be(SubjectIdentifierKind.Email);
        set[1].Kind.Should().Be(SubjectIdentifierKind.CustomerId);
    }

    [Fact]
    public void Of_Nothing_Throws()
    {
        var act = () => SubjectIdentifiers.Of();

        act.Should().Throw<ArgumentException>().WithMessage("*at least one*");
    }

    [Fact]
    public void Of_MoreThanMax_Throws()
    {
        var many = Enumerable.Range(0, SubjectIdentifiers.MaxCount + 1).Select(i => SubjectIdentifier.CustomerId($"C-{i}"));

        var act = () => SubjectIdentifiers.Of(many);

        act.Should().Throw<ArgumentException>().WithMessage("*at most 64*");
    }

    [Fact]
    public void Equals_SameIdentifiersInOtherOrder_AreEqual()
    {
        var a = SubjectIdentifiers.Of(SubjectIdentifier.Email("a@example.com"), SubjectIdentifier.CustomerId("C-1"));
        var b = SubjectIdentifiers.Of(SubjectIdentifier.CustomerId("C-1"), SubjectIdentifier.Email("A@example.com"));

        a.Equals(b).Should().BeTrue();
        a.GetHashCode().Should().Be(b.GetHashCode());
    }

    [Fact]
    public void Equals_DifferentIdentifiers_AreNotEqual()
    {
        var a = SubjectIdentifiers.Of(SubjectIdentifier.CustomerId("C-1"));
        var b = SubjectIdentifiers.Of(SubjectIdentifier.CustomerId("c-1"));

        a.Equals(b).Should().BeFalse();
    }

    [Fact]
    public void OfKind_MixedSet_ReturnsOnlyThatKind()
    {
        var set = SubjectIdentifiers.Of(
            SubjectIdentifier.Email("a@example.com"),
            SubjectIdentifier.CustomerId("C-1"),
            SubjectIdentifier.Email("b@example.com"));

        set.OfKind(SubjectIdentifierKind.Email).Select(i => i.Value).Should().Equal("a@example.com", "b@example.com");
    }

    [Fact]
    public void ToString_AnySet_RedactsValues()
    {
        var set = SubjectIdentifiers.Of(SubjectIdentifier.Email("a@example.com"), SubjectIdentifier.Keyed("handle", "al"));

        set.ToString().Should().Be("[email:<redacted>, keyed.handle:<redacted>]");
    }
}
