using Gdpr.Workflows.Engine.Data;
using static Gdpr.Workflows.Engine.Tests.Choice.ChoiceTestData;

namespace Gdpr.Workflows.Engine.Tests.Choice;

public class ChoiceExpressionTests
{
    private const string Twenties = """
        {"And": [{"Variable": "$.value", "NumericGreaterThanEquals": 20}, {"Variable": "$.value", "NumericLessThan": 30}]}
        """;

    [Theory]
    [InlineData(19, false)]
    [InlineData(20, true)]
    [InlineData(29.9, true)]
    [InlineData(30, false)]
    public void Evaluate_And_TrueWhenAllTrue(double value, bool expected)
    {
        Evaluate(Twenties, $$"""{"value": {{value}}}""").Should().Be(expected);
    }

    [Fact]
    public void Evaluate_SingletonAnd_SameAsItsRule()
    {
        // From the corpus: test_choice_singleton_composite.
        Evaluate("""{"And": [{"Variable": "$.type", "StringEquals": "Public"}]}""", """{"type": "Public", "value": 22}""").Should().BeTrue();
    }

    [Theory]
    [InlineData("""{"a": 1}""", true)]
    [InlineData("""{"b": 1}""", true)]
    [InlineData("""{"c": 1}""", false)]
    public void Evaluate_Or_TrueWhenAnyTrue(string input, bool expected)
    {
        Evaluate("""{"Or": [{"Variable": "$.a", "IsPresent": true}, {"Variable": "$.b", "IsPresent": true}]}""", input).Should().Be(expected);
    }

    [Theory]
    [InlineData("Private", false)]
    [InlineData("Public", true)]
    [InlineData("", true)]
    public void Evaluate_Not_Negates(string type, bool expected)
    {
        Evaluate("""{"Not": {"Variable": "$.type", "StringEquals": "Private"}}""", $$"""{"type": "{{type}}"}""").Should().Be(expected);
    }

    [Fact]
    public void Evaluate_AndStopsAtFirstFalse_LaterMissingPathNotRead()
    {
        Evaluate("""{"And": [{"Variable": "$.a", "IsNull": true}, {"Variable": "$.missing", "IsNull": true}]}""", """{"a": 1}""")
            .Should().BeFalse();
    }

    [Fact]
    public void Evaluate_OrStopsAtFirstTrue_LaterMissingPathNotRead()
    {
        Evaluate("""{"Or": [{"Variable": "$.a", "IsNull": false}, {"Variable": "$.missing", "IsNull": true}]}""", """{"a": 1}""")
            .Should().BeTrue();
    }

    [Fact]
    public void Evaluate_NotOverMissingPath_StillThrows()
    {
        var evaluate = () => Evaluate("""{"Not": {"Variable": "$.missing", "StringEquals": "x"}}""", "{}");

        evaluate.Should().Throw<AslRuntimeException>().Which.Error.Should().Be(ErrorNames.Runtime);
    }

    [Fact]
    public void Evaluate_DeepNesting_Composes()
    {
        const string condition = """
            {"Or": [
              {"And": [{"Variable": "$.kind", "StringEquals": "erasure"}, {"Not": {"Variable": "$.hold", "BooleanEquals": true}}]},
              {"Variable": "$.force", "IsPresent": true}
            ]}
            """;

        Evaluate(condition, """{"kind": "erasure", "hold": false}""").Should().BeTrue();
        Evaluate(condition, """{"kind": "erasure", "hold": true}""").Should().BeFalse();
        Evaluate(condition, """{"kind": "export", "hold": true, "force": null}""").Should().BeTrue();
    }
}
