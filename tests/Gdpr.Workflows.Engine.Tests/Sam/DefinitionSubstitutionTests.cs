using Gdpr.Workflows.Engine.Sam;

namespace Gdpr.Workflows.Engine.Tests.Sam;

public class DefinitionSubstitutionTests
{
    [Fact]
    public void Apply_EveryPlaceholder_IsReplacedAsText()
    {
        var result = DefinitionSubstitution.Apply(
            """{"Resource":"${Arn}","N":${Count},"Again":"${Arn}"}""",
            new Dictionary<string, string> { ["Arn"] = "arn:x", ["Count"] = "3" });

        result.Text.Should().Be("""{"Resource":"arn:x","N":3,"Again":"arn:x"}""");
        result.Missing.Should().BeEmpty();
        result.Unused.Should().BeEmpty();
    }

    [Fact]
    public void Apply_PlaceholderWithoutSubstitution_IsReportedWithItsLine()
    {
        var result = DefinitionSubstitution.Apply("{\n  \"a\": \"${A}\",\n  \"b\": \"${B}\"\n}", new Dictionary<string, string> { ["A"] = "1" });

        result.Missing.Should().Equal(new DefinitionSubstitution.Missing("B", 3));
        DefinitionSubstitution.Describe(result.Missing).Should().Be("${B} (line 3)");
    }

    [Fact]
    public void Apply_SubstitutionNeverUsed_IsReportedUnused()
    {
        var result = DefinitionSubstitution.Apply("""{"a":"${A}"}""", new Dictionary<string, string> { ["A"] = "1", ["Spare"] = "2" });

        result.Unused.Should().Equal("Spare");
    }

    [Fact]
    public void Apply_JsonPathAndIntrinsicText_IsLeftAlone()
    {
        const string definition = """{"Message.$":"States.Format('Erasure {} done', $.id)","Path":"$.a"}""";

        DefinitionSubstitution.Apply(definition, new Dictionary<string, string>()).Text.Should().Be(definition);
    }
}
