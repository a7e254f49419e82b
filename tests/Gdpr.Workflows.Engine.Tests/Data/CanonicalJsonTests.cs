using Gdpr.Workflows.Engine.Data;
using static Gdpr.Workflows.Engine.Tests.Data.DataTestHelpers;

namespace Gdpr.Workflows.Engine.Tests.Data;

public class CanonicalJsonTests
{
    [Theory]
    [InlineData("1", "1")]
    [InlineData("-0", "0")]
    [InlineData("1.0", "1.0")]
    [InlineData("0.0", "0.0")]
    [InlineData("1.50", "1.5")]
    [InlineData("0.1", "0.1")]
    [InlineData("0.001", "0.001")]
    [InlineData("0.0001", "1.0E-4")]
    [InlineData("1e20", "1.0E20")]
    [InlineData("1.5e-5", "1.5E-5")]
    [InlineData("9999999.0", "9999999.0")]
    [InlineData("123456789.0", "1.23456789E8")]
    [InlineData("12345678901234567890", "12345678901234567890")]
    public void Serialize_Number_PrintsAsJavaRuntimeDoes(string literal, string expected)
    {
        Text(CanonicalJson.Parse(literal)).Should().Be(expected);
    }

    [Fact]
    public void Serialize_NestedValues_IsCompactAndKeepsKeyOrder()
    {
        // output_text AWS recorded for a Parallel state output.
        var node = CanonicalJson.Parse("""[ {"static-input-0": 0, "static-input-1": [1]}, {"b": true, "a": null} ]""");

        Text(node).Should().Be("""[{"static-input-0":0,"static-input-1":[1]},{"b":true,"a":null}]""");
    }

    [Fact]
    public void Serialize_String_EscapesOnlyQuotesBackslashesAndControlCharacters()
    {
        var node = CanonicalJson.Parse("\"a\\\"b\\\\c\\n\\u0001 é 🆗 </>\"");

        Text(node).Should().Be("\"a\\\"b\\\\c\\n\\u0001 é 🆗 </>\"");
    }

    [Fact]
    public void Parse_DuplicateKey_KeepsFirstPositionAndLastValue()
    {
        var node = CanonicalJson.Parse("""{"a":1,"b":2,"a":3}""");

        Text(node).Should().Be("""{"a":3,"b":2}""");
    }

    [Fact]
    public void TryParse_InvalidText_ReturnsFalse()
    {
        CanonicalJson.TryParse("{'a':", out var node).Should().BeFalse();
        node.Should().BeNull();
    }

    [Fact]
    public void Serialize_ClrNumbers_KeepIntegerAndDoubleApart()
    {
        var node = new System.Text.Json.Nodes.JsonArray(1, 2L, 1.0, 2.5m, 3m);

        Text(node).Should().Be("[1,2,1.0,2.5,3]");
    }
}
