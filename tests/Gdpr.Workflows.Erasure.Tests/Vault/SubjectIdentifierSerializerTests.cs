using System.Text;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Erasure.Vault;

namespace Gdpr.Workflows.Erasure.Tests.Vault;

public class SubjectIdentifierSerializerTests
{
    [Fact]
    public void Deserialize_SerializedSet_RoundTripsEveryKind()
    {
        var set = SubjectIdentifiers.Of(
            SubjectIdentifier.Email("bob@bücher.de"),
            SubjectIdentifier.Phone("+44 20 7946 0958"),
            SubjectIdentifier.CustomerId("Cust \"quoted\" 1"),
            SubjectIdentifier.Keyed("handle", "@bob"));

        var roundTripped = SubjectIdentifierSerializer.Deserialize(SubjectIdentifierSerializer.Serialize(set));

        roundTripped.Should().Equal(set);
    }

    [Fact]
    public void Serialize_Set_WritesVersionedLayout()
    {
        var json = Encoding.UTF8.GetString(SubjectIdentifierSerializer.Serialize(SubjectIdentifiers.Of(SubjectIdentifier.Keyed("handle", "al"))));

        json.Should().Be("{\"v\":1,\"identifiers\":[{\"kind\":\"keyed\",\"key\":\"handle\",\"value\":\"al\"}]}");
    }

    [Fact]
    public void Deserialize_UnknownVersion_Throws()
    {
        var act = () => SubjectIdentifierSerializer.Deserialize(Encoding.UTF8.GetBytes("{\"v\":2,\"identifiers\":[]}"));

        act.Should().Throw<FormatException>().WithMessage("*version*");
    }

    [Fact]
    public void Deserialize_UnknownKind_Throws()
    {
        var act = () => SubjectIdentifierSerializer.Deserialize(Encoding.UTF8.GetBytes("{\"v\":1,\"identifiers\":[{\"kind\":\"ssn\",\"value\":\"x\"}]}"));

        act.Should().Throw<FormatException>().WithMessage("*kind*");
    }
}
