using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data;
using static Gdpr.Workflows.Engine.Tests.Choice.ChoiceTestData;

namespace Gdpr.Workflows.Engine.Tests.Choice;

public class DataTestExpressionTests
{
    [Theory]
    [InlineData("StringEquals", "\"a\"")]
    [InlineData("StringMatches", "\"a*\"")]
    [InlineData("NumericLessThan", "1")]
    [InlineData("BooleanEquals", "true")]
    [InlineData("TimestampEquals", "\"2012-10-09T19:00:55Z\"")]
    [InlineData("IsNull", "true")]
    [InlineData("IsNull", "false")]
    [InlineData("IsNumeric", "false")]
    [InlineData("IsString", "false")]
    [InlineData("IsBoolean", "false")]
    [InlineData("IsTimestamp", "false")]
    public void Evaluate_VariableMissing_ThrowsRuntimeInvalidPath(string op, string operand)
    {
        var evaluate = () => Evaluate($$"""{"Variable": "$.missing", "{{op}}": {{operand}}}""", """{"present": 1}""");

        var error = evaluate.Should().Throw<AslRuntimeException>().Which;
        error.Error.Should().Be("States.Runtime");
        error.Cause.Should().Be("Invalid path '$.missing': The choice state's condition path references an invalid value.");
    }

    [Theory]
    [InlineData("""{"present": 1}""", true, true)]
    [InlineData("""{"present": null}""", true, true)]
    [InlineData("""{"present": false}""", false, false)]
    [InlineData("""{}""", true, false)]
    [InlineData("""{}""", false, true)]
    public void Evaluate_IsPresent_TestsExistenceNotValue(string input, bool isPresent, bool expected)
    {
        Evaluate($$"""{"Variable": "$.present", "IsPresent": {{(isPresent ? "true" : "false")}}}""", input).Should().Be(expected);
    }

    [Theory]
    [InlineData("$$.Execution.Input.x", false)]
    [InlineData("$$.Execution.Name", true)]
    [InlineData("$known", true)]
    [InlineData("$unknown", false)]
    [InlineData("$known.inner", true)]
    [InlineData("$known.other", false)]
    [InlineData("$.items[1]", true)]
    [InlineData("$.items[2]", false)]
    public void Evaluate_IsPresentOnContextVariablesAndArrays_FollowsReader(string path, bool expected)
    {
        var context = Context(
            """{"items": [1, 2]}""",
            """{"Execution": {"Name": "run-1", "Input": {}}}""",
            new Dictionary<string, JsonNode?> { ["known"] = JsonNode.Parse("""{"inner": null}""") });

        Condition($$"""{"Variable": "{{path}}", "IsPresent": true}""").Evaluate(context, TestPathReader.Read).Should().Be(expected);
    }

    [Fact]
    public void Evaluate_PathOperandMissing_ThrowsRuntimeNamingOperandPath()
    {
        var evaluate = () => Evaluate("""{"Variable": "$.num1", "NumericEqualsPath": "$.missing"}""", """{"num1": 1}""");

        evaluate.Should().Throw<AslRuntimeException>()
            .Which.Cause.Should().Be("Invalid path '$.missing': The choice state's condition path references an invalid value.");
    }

    [Fact]
    public void Evaluate_VariableAndOperandPathMissing_ReportsVariableFirst()
    {
        var evaluate = () => Evaluate("""{"Variable": "$.a", "StringEqualsPath": "$.b"}""", """{}""");

        evaluate.Should().Throw<AslRuntimeException>().WithMessage("Invalid path '$.a'*");
    }

    [Theory]
    [InlineData("""{"Variable": "$.str1", "NumericEquals": 1}""")]
    [InlineData("""{"Variable": "$.num1", "NumericEqualsPath": "$.str2"}""")]
    [InlineData("""{"Variable": "$.str1", "NumericEqualsPath": "$.str2"}""")]
    [InlineData("""{"Variable": "$.num1", "StringEqualsPath": "$.num2"}""")]
    [InlineData("""{"Variable": "$.num1", "StringGreaterThanPath": "$.str2"}""")]
    [InlineData("""{"Variable": "$.num1", "BooleanEqualsPath": "$.str2"}""")]
    [InlineData("""{"Variable": "$.bool", "BooleanEqualsPath": "$.num1"}""")]
    [InlineData("""{"Variable": "$.num1", "TimestampEqualsPath": "$.num2"}""")]
    public void Evaluate_TypesDiffer_FalseNotError(string condition)
    {
        Evaluate(condition, """{"num1": 1, "str1": "1", "num2": 1, "str2": "1", "bool": true}""").Should().BeFalse();
    }

    [Theory]
    [InlineData("""{"Variable": "$.num1", "StringGreaterThanPath": "$.num2"}""")]
    [InlineData("""{"Variable": "$.str1", "StringLessThanEqualsPath": "$.num2"}""")]
    [InlineData("""{"Variable": "$.num1", "NumericLessThanPath": "$.str2"}""")]
    [InlineData("""{"Variable": "$.ts", "TimestampGreaterThanPath": "$.num2"}""")]
    public void Evaluate_OrderingPathOperandOfOtherType_ThrowsRuntimeInvalidValue(string condition)
    {
        var evaluate = () => Evaluate(condition, """{"num1": 1, "str1": "1", "num2": 1, "str2": "1", "ts": "2012-10-09T19:00:55Z"}""");

        var error = evaluate.Should().Throw<AslRuntimeException>().Which;
        error.Error.Should().Be("States.Runtime");
        error.Cause.Should().StartWith("Invalid value provided at path '$.");
    }

    [Theory]
    [InlineData("NumericEquals", "1", "1.0", true)]
    [InlineData("NumericEquals", "1.0", "1", true)]
    [InlineData("NumericEquals", "100", "1e2", true)]
    [InlineData("NumericEquals", "0.1", "0.10", true)]
    [InlineData("NumericEquals", "-0", "0", true)]
    [InlineData("NumericEquals", "2.22", "2.2200000000000001", false)]
    [InlineData("NumericLessThan", "-1", "-1.5", true)]
    [InlineData("NumericGreaterThan", "1e300", "1e400", true)]
    [InlineData("NumericGreaterThan", "9007199254740992", "9007199254740993", true)]
    [InlineData("NumericLessThanEquals", "3", "3", true)]
    [InlineData("NumericLessThanEquals", "3", "3.000001", false)]
    public void Evaluate_Numbers_CompareByValue(string op, string operand, string value, bool expected)
    {
        Evaluate($$"""{"Variable": "$.v", "{{op}}": {{operand}}}""", $$"""{"v": {{value}}}""").Should().Be(expected);
    }

    [Theory]
    [InlineData("StringEquals", "abc", "abc", true)]
    [InlineData("StringEquals", "abc", "ABC", false)]
    [InlineData("StringLessThan", "a", "B", true)]
    [InlineData("StringGreaterThan", "a", "B", false)]
    [InlineData("StringLessThan", "b", "ab", true)]
    [InlineData("StringLessThan", "ab", "a", true)]
    [InlineData("StringGreaterThanEquals", "é", "e", false)]
    [InlineData("StringLessThanEquals", "", "", true)]
    public void Evaluate_Strings_CompareOrdinally(string op, string operand, string value, bool expected)
    {
        Evaluate($$"""{"Variable": "$.v", "{{op}}": "{{operand}}"}""", $$"""{"v": "{{value}}"}""").Should().Be(expected);
    }

    [Theory]
    [InlineData("log-*.txt", "log-2024.txt", true)]
    [InlineData("log-*.txt", "log-.txt", true)]
    [InlineData("log-*.txt", "log-2024.txt.gz", false)]
    [InlineData("*", "", true)]
    [InlineData("*", "anything", true)]
    [InlineData("a*b*c", "axxbyyc", true)]
    [InlineData("a*b*c", "axxbyy", false)]
    [InlineData("*.csv", "data.CSV", false)]
    [InlineData("exact", "exact", true)]
    [InlineData("exact", "exactly", false)]
    [InlineData("a?c", "abc", false)]
    [InlineData("a?c", "a?c", true)]
    [InlineData("[ab]", "a", false)]
    [InlineData(@"100\\*", "100*", true)]
    [InlineData(@"100\\*", "1000", false)]
    [InlineData(@"\\*\\*", "**", true)]
    [InlineData(@"a\\\\b", @"a\\b", true)]
    [InlineData(@"a\\\\*", @"a\\xyz", true)]
    [InlineData("**a", "bba", true)]
    public void Evaluate_StringMatches_WildcardAndEscapes(string pattern, string value, bool expected)
    {
        // pattern and value are JSON string contents: "\\*" in JSON is the two characters \* (a literal star).
        Evaluate($$"""{"Variable": "$.v", "StringMatches": "{{pattern}}"}""", $$"""{"v": "{{value}}"}""").Should().Be(expected);
    }

    [Fact]
    public void Evaluate_StringMatchesOnNonString_False()
    {
        Evaluate("""{"Variable": "$.v", "StringMatches": "*"}""", """{"v": 1}""").Should().BeFalse();
    }

    [Theory]
    [InlineData("TimestampEquals", "2012-10-09T19:00:55Z", "2012-10-09T20:00:55+01:00", true)]
    [InlineData("TimestampEquals", "2012-10-09T19:00:55Z", "2012-10-09T14:00:55-05:00", true)]
    [InlineData("TimestampEquals", "2012-10-09T19:00:55Z", "2012-10-09T19:00:55.000Z", true)]
    [InlineData("TimestampLessThan", "2012-10-09T19:00:55Z", "2012-10-09T19:00:54.999999999Z", true)]
    [InlineData("TimestampGreaterThan", "2012-10-09T19:00:55.0000001Z", "2012-10-09T19:00:55.00000011Z", true)]
    [InlineData("TimestampLessThanEquals", "2012-10-09T19:00:55Z", "2012-10-09T19:00:55Z", true)]
    [InlineData("TimestampGreaterThanEquals", "2012-10-09T19:00:56Z", "2012-10-09T19:00:55Z", false)]
    [InlineData("TimestampEquals", "2012-10-09T19:00:55Z", "2012-10-09T19:00:55", false)]
    [InlineData("TimestampEquals", "2012-10-09T19:00:55Z", "2012-10-09t19:00:55z", false)]
    [InlineData("TimestampEquals", "2012-10-09T19:00:55Z", "2012-10-09 19:00:55Z", false)]
    [InlineData("TimestampLessThan", "2012-10-09T19:00:55Z", "2012-10-09", false)]
    [InlineData("TimestampLessThan", "2012-10-09T19:00:55Z", "not a timestamp", false)]
    public void Evaluate_Timestamps_CompareInstantsAndRejectOtherFormats(string op, string operand, string value, bool expected)
    {
        Evaluate($$"""{"Variable": "$.v", "{{op}}": "{{operand}}"}""", $$"""{"v": "{{value}}"}""").Should().Be(expected);
    }

    [Fact]
    public void Evaluate_TimestampPathOperandNotATimestamp_False()
    {
        Evaluate("""{"Variable": "$.l", "TimestampLessThanPath": "$.r"}""", """{"l": "2025-01-01T00:00:00Z", "r": "not-a-timestamp"}""")
            .Should().BeFalse();
    }

    [Theory]
    [InlineData("IsNull", "null", true)]
    [InlineData("IsNull", "0", false)]
    [InlineData("IsNull", "\"\"", false)]
    [InlineData("IsNumeric", "0", true)]
    [InlineData("IsNumeric", "-1.5e3", true)]
    [InlineData("IsNumeric", "\"1\"", false)]
    [InlineData("IsNumeric", "true", false)]
    [InlineData("IsString", "\"\"", true)]
    [InlineData("IsString", "null", false)]
    [InlineData("IsString", "[\"a\"]", false)]
    [InlineData("IsBoolean", "false", true)]
    [InlineData("IsBoolean", "\"true\"", false)]
    [InlineData("IsBoolean", "0", false)]
    [InlineData("IsTimestamp", "\"2016-03-14T01:59:00Z\"", true)]
    [InlineData("IsTimestamp", "\"2016-03-14T01:59:00.5+05:30\"", true)]
    [InlineData("IsTimestamp", "\"2016-03-14T01:59:00\"", false)]
    [InlineData("IsTimestamp", "\"2016-03-14\"", false)]
    [InlineData("IsTimestamp", "1457920740", false)]
    public void Evaluate_TypeTests_MatchJsonType(string op, string value, bool expected)
    {
        Evaluate($$"""{"Variable": "$.v", "{{op}}": true}""", $$"""{"v": {{value}}}""").Should().Be(expected);
        Evaluate($$"""{"Variable": "$.v", "{{op}}": false}""", $$"""{"v": {{value}}}""").Should().Be(!expected);
    }

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(false, false, true)]
    [InlineData(true, false, false)]
    public void Evaluate_BooleanEqualsPath_ComparesBooleans(bool variable, bool operand, bool expected)
    {
        var input = new JsonObject { ["v"] = variable, ["o"] = operand }.ToJsonString();

        Evaluate("""{"Variable": "$.v", "BooleanEqualsPath": "$.o"}""", input).Should().Be(expected);
    }

    [Fact]
    public void Evaluate_VariablesAsBothSides_ReadThroughReader()
    {
        var context = Context("{}", variables: new Dictionary<string, JsonNode?> { ["guess"] = "a", ["answer"] = "a" });

        Condition("""{"Variable": "$guess", "StringEqualsPath": "$answer"}""").Evaluate(context, TestPathReader.Read).Should().BeTrue();
    }

    [Fact]
    public void Evaluate_ContextObjectVariable_ReadsContext()
    {
        // From the corpus: test_context_object.py::test_variable.
        var context = Context("""{"input-value": 0}""", """{"Execution": {"Input": {"input-value": 0}}}""");

        Condition("""{"Variable": "$$.Execution.Input.input-value", "NumericLessThanEquals": 0}""")
            .Evaluate(context, TestPathReader.Read).Should().BeTrue();
    }

    [Fact]
    public void Evaluate_ValuesBuiltInCode_ComparedLikeParsedJson()
    {
        var context = new PathContext(new JsonObject { ["n"] = 1.0, ["s"] = "x", ["b"] = true }, null);

        Condition("""{"Variable": "$.n", "NumericEquals": 1}""").Evaluate(context, TestPathReader.Read).Should().BeTrue();
        Condition("""{"Variable": "$.s", "StringEquals": "x"}""").Evaluate(context, TestPathReader.Read).Should().BeTrue();
        Condition("""{"Variable": "$.b", "BooleanEquals": true}""").Evaluate(context, TestPathReader.Read).Should().BeTrue();
    }
}
