using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Choice;
using Gdpr.Workflows.Engine.Language;
using static Gdpr.Workflows.Engine.Tests.Choice.ChoiceTestData;

namespace Gdpr.Workflows.Engine.Tests.Choice;

public class ChoiceRuleTests
{
    [Fact]
    public void Parse_DataTestRule_BuildsComparisonWithNext()
    {
        var rule = Rule("""{"Variable": "$.value", "NumericGreaterThanEquals": 20, "Next": "Twenties"}""");

        rule.Next.Should().Be("Twenties");
        var test = rule.Condition.Should().BeOfType<DataTestExpression>().Subject;
        test.Variable.Should().Be("$.value");
        test.Operator.Should().Be(ComparisonOperator.NumericGreaterThanEquals);
        test.Operand!.GetValue<int>().Should().Be(20);
        test.OperandPath.Should().BeNull();
    }

    [Fact]
    public void Parse_PathOperator_KeepsOperandPath()
    {
        var rule = Rule("""{"Variable": "$guess", "StringEqualsPath": "$answer", "Next": "Correct"}""");

        var test = rule.Condition.Should().BeOfType<DataTestExpression>().Subject;
        test.OperandPath.Should().Be("$answer");
        test.Operand.Should().BeNull();
    }

    [Fact]
    public void Parse_NestedBooleanRule_BuildsTree()
    {
        var rule = Rule("""
            {"Or": [
                {"Not": {"Variable": "$.type", "StringEquals": "Private"}},
                {"And": [{"Variable": "$.value", "NumericGreaterThanEquals": 20}, {"Variable": "$.value", "NumericLessThan": 30}]}
            ], "Next": "Public"}
            """);

        var or = rule.Condition.Should().BeOfType<OrExpression>().Subject;
        or.Operands.Should().HaveCount(2);
        or.Operands[0].Should().BeOfType<NotExpression>()
            .Which.Operand.Should().BeOfType<DataTestExpression>();
        or.Operands[1].Should().BeOfType<AndExpression>().Which.Operands.Should().HaveCount(2);
    }

    [Fact]
    public void Parse_RuleWithAssignAndComment_ExposesCopyOfAssign()
    {
        var rule = Rule("""{"Variable": "$.x", "IsPresent": true, "Assign": {"status": "FOUND"}, "Comment": "why", "Next": "Done"}""");

        var assign = rule.Assign!;
        assign["status"]!.GetValue<string>().Should().Be("FOUND");
        assign["status"] = "CHANGED";
        rule.Assign!["status"]!.GetValue<string>().Should().Be("FOUND", "the parsed rule is immutable");
    }

    [Fact]
    public void Parse_SourceObjectChangedAfterParse_RuleUnchanged()
    {
        var source = JsonNode.Parse("""{"Variable": "$.x", "StringEquals": "a", "Next": "Done"}""")!.AsObject();
        var rule = ChoiceRule.Parse(source, "Route");

        source["StringEquals"] = "b";

        ((DataTestExpression)rule.Condition).Operand!.GetValue<string>().Should().Be("a");
    }

    [Theory]
    [InlineData("""{"Variable": "$.x", "Next": "A"}""", "State 'Route': Choices[2] has no comparison operator")]
    [InlineData("""{"Next": "A"}""", "State 'Route': Choices[2] has no comparison operator")]
    [InlineData("""{"Variable": "$.x", "NumericEqual": 1, "Next": "A"}""", "State 'Route': Choices[2] has unknown field 'NumericEqual'")]
    [InlineData("""{"Variable": "$.x", "stringequals": "a", "Next": "A"}""", "State 'Route': Choices[2] has unknown field 'stringequals'")]
    [InlineData("""{"Variable": "$.x", "StringEquals": "a", "StringMatches": "a*", "Next": "A"}""", "State 'Route': Choices[2] has more than one comparison operator (StringEquals, StringMatches)")]
    [InlineData("""{"StringEquals": "a", "Next": "A"}""", "State 'Route': Choices[2] has a comparison operator but no Variable")]
    [InlineData("""{"Variable": "$.x", "StringEquals": "a"}""", "State 'Route': Choices[2] has no Next")]
    [InlineData("""{"Variable": "$.x", "StringEquals": "a", "Next": ""}""", "State 'Route': Choices[2] has a Next that is not a non-empty string")]
    [InlineData("""{"Variable": "$.x", "StringEquals": "a", "Next": 3}""", "State 'Route': Choices[2] has a Next that is not a non-empty string")]
    [InlineData("""{"Variable": "$.x", "NumericEquals": "1", "Next": "A"}""", "State 'Route': Choices[2].NumericEquals must be a number, not the string \"1\"")]
    [InlineData("""{"Variable": "$.x", "StringEquals": 1, "Next": "A"}""", "State 'Route': Choices[2].StringEquals must be a string, not the number 1")]
    [InlineData("""{"Variable": "$.x", "StringMatches": null, "Next": "A"}""", "State 'Route': Choices[2].StringMatches must be a string, not null")]
    [InlineData("""{"Variable": "$.x", "BooleanEquals": "true", "Next": "A"}""", "State 'Route': Choices[2].BooleanEquals must be a boolean, not the string \"true\"")]
    [InlineData("""{"Variable": "$.x", "IsNull": 1, "Next": "A"}""", "State 'Route': Choices[2].IsNull must be a boolean, not the number 1")]
    [InlineData("""{"Variable": "$.x", "IsPresent": {}, "Next": "A"}""", "State 'Route': Choices[2].IsPresent must be a boolean, not an object")]
    [InlineData("""{"Variable": "$.x", "TimestampEquals": 5, "Next": "A"}""", "State 'Route': Choices[2].TimestampEquals must be a timestamp string, not the number 5")]
    [InlineData("""{"Variable": "$.x", "TimestampLessThan": "2012-10-09", "Next": "A"}""", "State 'Route': Choices[2].TimestampLessThan must be an RFC3339 timestamp such as 2016-03-14T01:59:00Z, not the string \"2012-10-09\"")]
    [InlineData("""{"Variable": "$.x", "NumericEqualsPath": 1, "Next": "A"}""", "State 'Route': Choices[2].NumericEqualsPath must be a valid reference path, not the number 1")]
    [InlineData("""{"Variable": "$.x", "StringEqualsPath": "value", "Next": "A"}""", "State 'Route': Choices[2].StringEqualsPath must be a valid reference path, not the string \"value\"")]
    [InlineData("""{"Variable": "$.x", "TimestampEqualsPath": "$.items[*]", "Next": "A"}""", "State 'Route': Choices[2].TimestampEqualsPath must be a valid reference path, not the string \"$.items[*]\"")]
    [InlineData("""{"Variable": "x", "IsNull": true, "Next": "A"}""", "State 'Route': Choices[2] has a Variable that is not a valid reference path: \"x\"")]
    [InlineData("""{"Variable": "$..x", "IsNull": true, "Next": "A"}""", "State 'Route': Choices[2] has a Variable that is not a valid reference path: \"$..x\"")]
    [InlineData("""{"Variable": 1, "IsNull": true, "Next": "A"}""", "State 'Route': Choices[2] has a Variable that is not a valid reference path: 1")]
    [InlineData("""{"And": [], "Next": "A"}""", "State 'Route': Choices[2] has an And that is not a non-empty array of Choice rules")]
    [InlineData("""{"Or": {"Variable": "$.x", "IsNull": true}, "Next": "A"}""", "State 'Route': Choices[2] has an Or that is not a non-empty array of Choice rules")]
    [InlineData("""{"Not": [{"Variable": "$.x", "IsNull": true}], "Next": "A"}""", "State 'Route': Choices[2] has a Not that is not a Choice rule object")]
    [InlineData("""{"And": [{"Variable": "$.x", "IsNull": true}], "Or": [{"Variable": "$.x", "IsNull": true}], "Next": "A"}""", "State 'Route': Choices[2] has more than one of And, Or, Not (And, Or)")]
    [InlineData("""{"Variable": "$.x", "Not": {"Variable": "$.x", "IsNull": true}, "Next": "A"}""", "State 'Route': Choices[2] mixes Not with Variable or a comparison operator")]
    [InlineData("""{"And": [{"Variable": "$.x", "IsNull": true, "Next": "B"}], "Next": "A"}""", "State 'Route': Choices[2].And[0] is a nested rule and must not have Next")]
    [InlineData("""{"Not": {"Variable": "$.x", "IsNull": true, "Assign": {}}, "Next": "A"}""", "State 'Route': Choices[2].Not is a nested rule and must not have Assign")]
    [InlineData("""{"Or": [{"Variable": "$.x", "IsNull": true}, {"Variable": "$.x"}], "Next": "A"}""", "State 'Route': Choices[2].Or[1] has no comparison operator")]
    [InlineData("""{"And": [{"Not": {"Variable": "$.x", "NumericEquals": "one"}}], "Next": "A"}""", "State 'Route': Choices[2].And[0].Not.NumericEquals must be a number, not the string \"one\"")]
    [InlineData("""{"And": [1], "Next": "A"}""", "State 'Route': Choices[2].And[0] is not a Choice rule object")]
    [InlineData("""{"Condition": "{% true %}", "Next": "A"}""", "State 'Route': Choices[2] has Condition, which is only supported with QueryLanguage JSONata")]
    [InlineData("""{"Variable": "$.x", "IsNull": true, "Assign": [], "Next": "A"}""", "State 'Route': Choices[2] has an Assign that is not an object")]
    public void Parse_InvalidRule_ThrowsDefinitionErrorNamingStateAndRule(string ruleJson, string expectedMessageStart)
    {
        var parse = () => ChoiceRule.Parse(JsonNode.Parse(ruleJson)!.AsObject(), "Route", 2);

        parse.Should().Throw<AslDefinitionException>().Which.Message.Should().StartWith(expectedMessageStart);
    }

    [Theory]
    [InlineData("$")]
    [InlineData("$.a.b")]
    [InlineData("$.input-value")]
    [InlineData("$.a[0].b")]
    [InlineData("$['a b'][2]")]
    [InlineData("$$.Execution.Input.x")]
    [InlineData("$$")]
    [InlineData("$myVar")]
    [InlineData("$my_var.field[1]")]
    public void Parse_ValidReferencePathAsVariable_Accepted(string path)
    {
        var rule = Rule($$"""{"Variable": "{{path}}", "IsPresent": true, "Next": "A"}""");

        ((DataTestExpression)rule.Condition).Variable.Should().Be(path);
    }

    [Theory]
    [InlineData("")]
    [InlineData("$.")]
    [InlineData("$.a.")]
    [InlineData("$.a..b")]
    [InlineData("$.*")]
    [InlineData("$.a[*]")]
    [InlineData("$.a[?(@.b == 1)]")]
    [InlineData("$.a[0:2]")]
    [InlineData("$.a[0,1]")]
    [InlineData("$.a[0")]
    [InlineData("$1abc")]
    [InlineData("$.a b")]
    [InlineData("a.b")]
    public void Parse_InvalidReferencePathAsVariable_Rejected(string path)
    {
        var parse = () => Rule($$"""{"Variable": "{{path}}", "IsPresent": true, "Next": "A"}""");

        parse.Should().Throw<AslDefinitionException>().WithMessage("*not a valid reference path*");
    }

    [Fact]
    public void Evaluate_TopLevelRule_DelegatesToCondition()
    {
        var rule = Rule("""{"Variable": "$.a.b", "StringEquals": "x", "Next": "A"}""");

        rule.Evaluate(Context("""{"a": {"b": "x"}}"""), TestPathReader.Read).Should().BeTrue();
        rule.Evaluate(Context("""{"a": {"b": "y"}}"""), TestPathReader.Read).Should().BeFalse();
    }
}
