using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data;
using static Gdpr.Workflows.Engine.Tests.Data.DataTestHelpers;

namespace Gdpr.Workflows.Engine.Tests.Data;

public class PayloadSizeTests
{
    [Fact]
    public void Utf8Length_MultiByteCharacters_CountsBytesOfCompactText()
    {
        // {"a":"é"} is 9 characters; é takes two bytes.
        PayloadSize.Utf8Length(Json("{ 'a' : 'é' }")).Should().Be(10);
    }

    [Fact]
    public void Utf8Length_Null_IsFourBytes()
    {
        PayloadSize.Utf8Length(null).Should().Be(4);
    }

    [Fact]
    public void ExceedsLimit_AtAndJustOverTheLimit_ComparesWith256KiB()
    {
        // A JSON string adds two quote characters to its content.
        var atLimit = JsonValue.Create(new string('a', PayloadSize.MaxBytes - 2));
        var overLimit = JsonValue.Create(new string('a', PayloadSize.MaxBytes - 1));

        PayloadSize.ExceedsLimit(atLimit).Should().BeFalse();
        PayloadSize.ExceedsLimit(overLimit).Should().BeTrue();
        PayloadSize.MaxBytes.Should().Be(262_144);
    }
}
