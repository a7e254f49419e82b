using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Choice;
using Gdpr.Workflows.Engine.Data;
using Gdpr.Workflows.Engine.Language;
using static Gdpr.Workflows.Engine.Tests.Choice.ChoiceTestData;

namespace Gdpr.Workflows.Engine.Tests.Choice;

public class ChoiceStateTests
{
    // The AWS documentation's example state, also recorded in the conformance corpus (test_choice_aws_docs_scenario).
    private const string AwsDocsState = """
        {
          "Type": "Choice",
          "Choices": [
            {"Not": {"Variable": "$.type", "StringEquals": "Private"}, "Next": "Public"},
            {"Variable": "$.value", "NumericEquals": 0, "Next": "ValueIsZero"},
            {"And": [{"Variable": "$.value", "NumericGreaterThanEquals": 20}, {"Variable": "$.value", "NumericLessThan": 30}], "Next": "ValueInTwenties"}
          ],
          "Default": "DefaultState"
        }
        """;

    private static ChoiceState State(string json) => ChoiceState.Parse(JsonNode.Parse(json)!.AsObject(), "ChoiceStateX");

    [Theory]
    [InlineData("""{"type": "Private", "value": 22}""", "ValueInTwenties")]
    [InlineData("""{"type": "Public", "value": 22}""", "Public")]
    [InlineData("""{"type": "Private", "value": 0}""", "ValueIsZero")]
    [InlineData("""{"type": "Private", "value": 35}""", "DefaultState")]
    public void SelectNext_AwsDocsExample_FollowsFirstMatchingRuleElseDefault(string input, string expectedNext)
    {
        State(AwsDocsState).SelectNext(Context(input), TestPathReader.Read).Should().Be(expectedNext);
    }

    [Fact]
    public void Select_RuleMatches_ReturnsThatRule()
    {
        var state = State(AwsDocsState);

        var selection = state.Select(Context("""{"type": "Private", "value": 0}"""), TestPathReader.Read);

        selection.Next.Should().Be("ValueIsZero");
        selection.IsDefault.Should().BeFalse();
        selection.MatchedRule.Should().BeSameAs(state.Choices[1]);
    }

    [Fact]
    public void Select_NothingMatches_ReturnsDefaultWithoutRule()
    {
        var selection = State(AwsDocsState).Select(Context("""{"type": "Private", "value": 99}"""), TestPathReader.Read);

        selection.Should().Be(new ChoiceSelection("DefaultState", null));
        selection.IsDefault.Should().BeTrue();
    }

    [Fact]
    public void Select_EarlierRuleMatches_LaterRulesNotEvaluated()
    {
        // The second rule would fail on the missing path; the first match ends the evaluation.
        var state = State("""
            {"Type": "Choice", "Choices": [
              {"Variable": "$.a", "IsPresent": true, "Next": "First"},
              {"Variable": "$.missing", "NumericEquals": 1, "Next": "Second"}
            ]}
            """);

        state.SelectNext(Context("""{"a": 1}"""), TestPathReader.Read).Should().Be("First");
    }

    [Fact]
    public void Select_NothingMatchesAndNoDefault_ThrowsRuntimeErrorWithAwsCause()
    {
        var state = State("""
            {"Type": "Choice", "Choices": [
              {"Variable": "$.result.done", "BooleanEquals": true, "Next": "FinishTrue"}
            ]}
            """);

        var select = () => state.Select(Context("""{"result": {"done": false}}"""), TestPathReader.Read);

        var error = select.Should().Throw<AslRuntimeException>().Which;
        error.Error.Should().Be(ErrorNames.NoChoiceMatched);
        error.Cause.Should().Be("Failed to transition out of the state. The state does not point to a next state.");
    }

    [Fact]
    public void Select_MissingVariableWithDefault_StillFails()
    {
        var select = () => State(AwsDocsState).Select(Context("""{"value": 1}"""), TestPathReader.Read);

        select.Should().Throw<AslRuntimeException>()
            .Which.Cause.Should().Be("Invalid path '$.type': The choice state's condition path references an invalid value.");
    }

    [Fact]
    public void Select_RuleWithAssign_MatchedRuleCarriesAssign()
    {
        // From the corpus: test_assign_in_choice_state (input_value "42" is a string, so NumericEquals 42 is false).
        var state = State("""
            {"Type": "Choice", "Choices": [
              {"Variable": "$.input_value", "IsPresent": false, "Assign": {"status": "UNKNOWN"}, "Next": "FinalState"},
              {"Variable": "$.input_value", "NumericEquals": 42, "Assign": {"status": "CORRECT"}, "Next": "FinalState"}
            ], "Assign": {"status": "INCORRECT"}, "Default": "FinalState"}
            """);

        state.Select(Context("""{"input_value": "42"}"""), TestPathReader.Read).IsDefault.Should().BeTrue();
        state.Select(Context("""{"input_value": 42}"""), TestPathReader.Read)
            .MatchedRule!.Assign!["status"]!.GetValue<string>().Should().Be("CORRECT");
        state.Select(Context("""{}"""), TestPathReader.Read)
            .MatchedRule!.Assign!["status"]!.GetValue<string>().Should().Be("UNKNOWN");
    }

    [Fact]
    public void Parse_CollectsChoicesAndDefault()
    {
        var state = State(AwsDocsState);

        state.StateName.Should().Be("ChoiceStateX");
        state.Choices.Select(c => c.Next).Should().Equal("Public", "ValueIsZero", "ValueInTwenties");
        state.Default.Should().Be("DefaultState");
    }

    [Theory]
    [InlineData("""{"Type": "Choice"}""", "State 'ChoiceStateX': Choices must be a non-empty array of Choice rules")]
    [InlineData("""{"Type": "Choice", "Choices": []}""", "State 'ChoiceStateX': Choices must be a non-empty array of Choice rules")]
    [InlineData("""{"Type": "Choice", "Choices": {}}""", "State 'ChoiceStateX': Choices must be a non-empty array of Choice rules")]
    [InlineData("""{"Type": "Choice", "Choices": ["x"]}""", "State 'ChoiceStateX': Choices[0] is not a Choice rule object")]
    [InlineData("""{"Type": "Choice", "Choices": [{"Variable": "$.a", "IsNull": true, "Next": "A"}, {"Variable": "$.a", "Next": "B"}]}""", "State 'ChoiceStateX': Choices[1] has no comparison operator")]
    [InlineData("""{"Type": "Choice", "Choices": [{"Variable": "$.a", "IsNull": true, "Next": "A"}], "End": true}""", "State 'ChoiceStateX': a Choice state must not have Next or End")]
    [InlineData("""{"Type": "Choice", "Choices": [{"Variable": "$.a", "IsNull": true, "Next": "A"}], "Next": "B"}""", "State 'ChoiceStateX': a Choice state must not have Next or End")]
    [InlineData("""{"Type": "Choice", "Choices": [{"Variable": "$.a", "IsNull": true, "Next": "A"}], "Default": 1}""", "State 'ChoiceStateX': Default must be a non-empty state name")]
    public void Parse_InvalidState_ThrowsDefinitionError(string json, string expectedMessageStart)
    {
        var parse = () => State(json);

        parse.Should().Throw<AslDefinitionException>().Which.Message.Should().StartWith(expectedMessageStart);
    }

    [Fact]
    public void Constructor_NoChoices_ThrowsDefinitionError()
    {
        var create = () => new ChoiceState("Empty", [], "Default");

        create.Should().Throw<AslDefinitionException>().WithMessage("State 'Empty': Choices must be*");
    }
}
