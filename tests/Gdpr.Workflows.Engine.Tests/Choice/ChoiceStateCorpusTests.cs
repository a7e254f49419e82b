using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Choice;
using static Gdpr.Workflows.Engine.Tests.Choice.ChoiceTestData;

namespace Gdpr.Workflows.Engine.Tests.Choice;

/// <summary>
/// Rows copied from the AWS-recorded conformance corpus (LocalStack snapshot tests, category
/// choice_operators; the id is the test name and snapshot key). Each case ran a state machine whose
/// Choice state "CheckValues" has the single rule below plus Next "ConditionTrue" and Default
/// "ConditionFalse"; the recorded output says which branch AWS took.
/// </summary>
public class ChoiceStateCorpusTests
{
    [Theory]
    [InlineData("test_boolean_equals#cases[32]", """{"Variable": "$.Variable", "BooleanEquals": true}""", """{"Variable": true, "Value": true}""", true)]
    [InlineData("test_boolean_equals#cases[14]", """{"Variable": "$.Variable", "BooleanEquals": true}""", """{"Variable": "HelloWorld", "Value": true}""", false)]
    [InlineData("test_boolean_equals#cases[35]", """{"Variable": "$.Variable", "BooleanEquals": false}""", """{"Variable": false, "Value": false}""", true)]
    [InlineData("test_boolean_equals#cases[17]", """{"Variable": "$.Variable", "BooleanEquals": false}""", """{"Variable": "2012-10-09T19:00:55", "Value": false}""", false)]
    [InlineData("test_boolean_equals_path#cases[35]", """{"Variable": "$.Variable", "BooleanEqualsPath": "$.Value"}""", """{"Variable": false, "Value": false}""", true)]
    [InlineData("test_boolean_equals_path#cases[16]", """{"Variable": "$.Variable", "BooleanEqualsPath": "$.Value"}""", """{"Variable": "2012-10-09T19:00:55", "Value": true}""", false)]
    [InlineData("test_is_boolean#cases[32]", """{"Variable": "$.Variable", "IsBoolean": true}""", """{"Variable": true, "Value": true}""", true)]
    [InlineData("test_is_boolean#cases[18]", """{"Variable": "$.Variable", "IsBoolean": true}""", """{"Variable": "2012-10-09T19:00:55Z", "Value": true}""", false)]
    [InlineData("test_is_boolean#cases[1]", """{"Variable": "$.Variable", "IsBoolean": false}""", """{"Variable": null, "Value": false}""", true)]
    [InlineData("test_is_boolean#cases[35]", """{"Variable": "$.Variable", "IsBoolean": false}""", """{"Variable": false, "Value": false}""", false)]
    [InlineData("test_is_null#cases[0]", """{"Variable": "$.Variable", "IsNull": true}""", """{"Variable": null, "Value": true}""", true)]
    [InlineData("test_is_null#cases[22]", """{"Variable": "$.Variable", "IsNull": true}""", """{"Variable": "2023-02-24", "Value": true}""", false)]
    [InlineData("test_is_null#cases[3]", """{"Variable": "$.Variable", "IsNull": false}""", """{"Variable": 0, "Value": false}""", true)]
    [InlineData("test_is_null#cases[1]", """{"Variable": "$.Variable", "IsNull": false}""", """{"Variable": null, "Value": false}""", false)]
    [InlineData("test_is_numeric#cases[4]", """{"Variable": "$.Variable", "IsNumeric": true}""", """{"Variable": 0.0, "Value": true}""", true)]
    [InlineData("test_is_numeric#cases[20]", """{"Variable": "$.Variable", "IsNumeric": true}""", """{"Variable": "2012-10-09T19:00:55+01:00", "Value": true}""", false)]
    [InlineData("test_is_numeric#cases[11]", """{"Variable": "$.Variable", "IsNumeric": false}""", """{"Variable": "", "Value": false}""", true)]
    [InlineData("test_is_numeric#cases[7]", """{"Variable": "$.Variable", "IsNumeric": false}""", """{"Variable": 1, "Value": false}""", false)]
    [InlineData("test_is_present#cases[0]", """{"Variable": "$.Variable", "IsPresent": true}""", """{"Variable": null, "Value": true}""", true)]
    [InlineData("test_is_present#cases[17]", """{"Variable": "$.Variable", "IsPresent": false}""", """{"Variable": "2012-10-09T19:00:55", "Value": false}""", false)]
    [InlineData("test_is_string#cases[1]", """{"Variable": "$.Variable", "IsString": false}""", """{"Variable": null, "Value": false}""", true)]
    [InlineData("test_is_string#cases[17]", """{"Variable": "$.Variable", "IsString": false}""", """{"Variable": "2012-10-09T19:00:55", "Value": false}""", false)]
    [InlineData("test_is_string#cases[12]", """{"Variable": "$.Variable", "IsString": true}""", """{"Variable": " ", "Value": true}""", true)]
    [InlineData("test_is_string#cases[26]", """{"Variable": "$.Variable", "IsString": true}""", """{"Variable": [""], "Value": true}""", false)]
    [InlineData("test_numeric_equals#cases[4]", """{"Variable": "$.Variable", "NumericEquals": 0}""", """{"Variable": 0, "Value": 0}""", true)]
    [InlineData("test_numeric_equals#cases[28]", """{"Variable": "$.Variable", "NumericEquals": 0}""", """{"Variable": [], "Value": 0}""", false)]
    [InlineData("test_numeric_equals#cases[14]", """{"Variable": "$.Variable", "NumericEquals": 1}""", """{"Variable": 1, "Value": 1}""", true)]
    [InlineData("test_numeric_equals#cases[26]", """{"Variable": "$.Variable", "NumericEquals": 1}""", """{"Variable": " ", "Value": 1}""", false)]
    [InlineData("test_numeric_equals#cases[15]", """{"Variable": "$.Variable", "NumericEquals": 1.0}""", """{"Variable": 1, "Value": 1.0}""", true)]
    [InlineData("test_numeric_equals#cases[31]", """{"Variable": "$.Variable", "NumericEquals": 1.0}""", """{"Variable": [], "Value": 1.0}""", false)]
    [InlineData("test_numeric_equals#cases[5]", """{"Variable": "$.Variable", "NumericEquals": 0.0}""", """{"Variable": 0, "Value": 0.0}""", true)]
    [InlineData("test_numeric_equals#cases[29]", """{"Variable": "$.Variable", "NumericEquals": 0.0}""", """{"Variable": [], "Value": 0.0}""", false)]
    [InlineData("test_numeric_equals#cases[54]", """{"Variable": "$.Variable", "NumericEquals": 2.22}""", """{"Variable": 2.22, "Value": 2.22}""", true)]
    [InlineData("test_numeric_equals_path#cases[4]", """{"Variable": "$.Variable", "NumericEqualsPath": "$.Value"}""", """{"Variable": 0, "Value": 0}""", true)]
    [InlineData("test_numeric_equals_path#cases[29]", """{"Variable": "$.Variable", "NumericEqualsPath": "$.Value"}""", """{"Variable": [], "Value": 0.0}""", false)]
    [InlineData("test_numeric_greater_than#cases[4]", """{"Variable": "$.Variable", "NumericGreaterThan": 0}""", """{"Variable": 1, "Value": 0}""", true)]
    [InlineData("test_numeric_greater_than#cases[1]", """{"Variable": "$.Variable", "NumericGreaterThan": 0}""", """{"Variable": 0.0, "Value": 0}""", false)]
    [InlineData("test_numeric_greater_than#cases[2]", """{"Variable": "$.Variable", "NumericGreaterThan": 1}""", """{"Variable": 0, "Value": 1}""", false)]
    [InlineData("test_numeric_greater_than_path#cases[4]", """{"Variable": "$.Variable", "NumericGreaterThanPath": "$.Value"}""", """{"Variable": 1, "Value": 0}""", true)]
    [InlineData("test_numeric_greater_than_path#cases[3]", """{"Variable": "$.Variable", "NumericGreaterThanPath": "$.Value"}""", """{"Variable": 1, "Value": 1}""", false)]
    [InlineData("test_numeric_greater_than_equals#cases[0]", """{"Variable": "$.Variable", "NumericGreaterThanEquals": 0}""", """{"Variable": 0, "Value": 0}""", true)]
    [InlineData("test_numeric_greater_than_equals#cases[3]", """{"Variable": "$.Variable", "NumericGreaterThanEquals": 1}""", """{"Variable": 1, "Value": 1}""", true)]
    [InlineData("test_numeric_greater_than_equals#cases[5]", """{"Variable": "$.Variable", "NumericGreaterThanEquals": 1}""", """{"Variable": 0, "Value": 1}""", false)]
    [InlineData("test_numeric_greater_than_equals_path#cases[0]", """{"Variable": "$.Variable", "NumericGreaterThanEqualsPath": "$.Value"}""", """{"Variable": 0, "Value": 0}""", true)]
    [InlineData("test_numeric_greater_than_equals_path#cases[5]", """{"Variable": "$.Variable", "NumericGreaterThanEqualsPath": "$.Value"}""", """{"Variable": 0, "Value": 1}""", false)]
    [InlineData("test_numeric_less_than#cases[1]", """{"Variable": "$.Variable", "NumericLessThan": 0}""", """{"Variable": 0.0, "Value": 0}""", false)]
    [InlineData("test_numeric_less_than#cases[2]", """{"Variable": "$.Variable", "NumericLessThan": 1}""", """{"Variable": 0, "Value": 1}""", true)]
    [InlineData("test_numeric_less_than#cases[3]", """{"Variable": "$.Variable", "NumericLessThan": 1}""", """{"Variable": 1, "Value": 1}""", false)]
    [InlineData("test_numeric_less_than_path#cases[2]", """{"Variable": "$.Variable", "NumericLessThanPath": "$.Value"}""", """{"Variable": 0, "Value": 1}""", true)]
    [InlineData("test_numeric_less_than_path#cases[3]", """{"Variable": "$.Variable", "NumericLessThanPath": "$.Value"}""", """{"Variable": 1, "Value": 1}""", false)]
    [InlineData("test_numeric_less_than_equals#cases[0]", """{"Variable": "$.Variable", "NumericLessThanEquals": 0}""", """{"Variable": 0, "Value": 0}""", true)]
    [InlineData("test_numeric_less_than_equals#cases[4]", """{"Variable": "$.Variable", "NumericLessThanEquals": 0}""", """{"Variable": 1, "Value": 0}""", false)]
    [InlineData("test_numeric_less_than_equals#cases[2]", """{"Variable": "$.Variable", "NumericLessThanEquals": 1}""", """{"Variable": 0, "Value": 1}""", true)]
    [InlineData("test_numeric_less_than_equals_path#cases[0]", """{"Variable": "$.Variable", "NumericLessThanEqualsPath": "$.Value"}""", """{"Variable": 0, "Value": 0}""", true)]
    [InlineData("test_numeric_less_than_equals_path#cases[4]", """{"Variable": "$.Variable", "NumericLessThanEqualsPath": "$.Value"}""", """{"Variable": 1, "Value": 0}""", false)]
    [InlineData("test_string_equals#cases[8]", """{"Variable": "$.Variable", "StringEquals": "HelloWorld"}""", """{"Variable": [""], "Value": "HelloWorld"}""", false)]
    [InlineData("test_string_equals#cases[13]", """{"Variable": "$.Variable", "StringEquals": "     "}""", """{"Variable": " ", "Value": "     "}""", false)]
    [InlineData("test_string_equals_path#cases[2]", """{"Variable": "$.Variable", "StringEqualsPath": "$.Value"}""", """{"Variable": "Hello", "Value": "Hello"}""", true)]
    [InlineData("test_string_equals_path#cases[1]", """{"Variable": "$.Variable", "StringEqualsPath": "$.Value"}""", """{"Variable": "\t\n", "Value": "\t\r\n"}""", false)]
    [InlineData("test_string_greater_than#cases[1]", """{"Variable": "$.Variable", "StringGreaterThan": "A "}""", """{"Variable": "A", "Value": "A "}""", false)]
    [InlineData("test_string_greater_than#cases[2]", """{"Variable": "$.Variable", "StringGreaterThan": "A\t\n\r"}""", """{"Variable": "A", "Value": "A\t\n\r"}""", false)]
    [InlineData("test_string_greater_than#cases[3]", """{"Variable": "$.Variable", "StringGreaterThan": "ABC"}""", """{"Variable": "AB", "Value": "ABC"}""", false)]
    [InlineData("test_string_greater_than_path#cases[2]", """{"Variable": "$.Variable", "StringGreaterThanPath": "$.Value"}""", """{"Variable": "A", "Value": "A\t\n\r"}""", false)]
    [InlineData("test_string_greater_than_equals#cases[0]", """{"Variable": "$.Variable", "StringGreaterThanEquals": ""}""", """{"Variable": "", "Value": ""}""", true)]
    [InlineData("test_string_greater_than_equals#cases[1]", """{"Variable": "$.Variable", "StringGreaterThanEquals": "AB"}""", """{"Variable": "A", "Value": "AB"}""", false)]
    [InlineData("test_string_greater_than_equals#cases[2]", """{"Variable": "$.Variable", "StringGreaterThanEquals": "A"}""", """{"Variable": "AB", "Value": "A"}""", true)]
    [InlineData("test_string_greater_than_equals_path#cases[2]", """{"Variable": "$.Variable", "StringGreaterThanEqualsPath": "$.Value"}""", """{"Variable": "AB", "Value": "A"}""", true)]
    [InlineData("test_string_less_than#cases[0]", """{"Variable": "$.Variable", "StringLessThan": ""}""", """{"Variable": "", "Value": ""}""", false)]
    [InlineData("test_string_less_than#cases[1]", """{"Variable": "$.Variable", "StringLessThan": "AB"}""", """{"Variable": "A", "Value": "AB"}""", true)]
    [InlineData("test_string_less_than#cases[2]", """{"Variable": "$.Variable", "StringLessThan": "A"}""", """{"Variable": "AB", "Value": "A"}""", false)]
    [InlineData("test_string_less_than_path#cases[1]", """{"Variable": "$.Variable", "StringLessThanPath": "$.Value"}""", """{"Variable": "A", "Value": "AB"}""", true)]
    [InlineData("test_string_less_than_path#cases[2]", """{"Variable": "$.Variable", "StringLessThanPath": "$.Value"}""", """{"Variable": "AB", "Value": "A"}""", false)]
    [InlineData("test_string_less_than_equals#cases[0]", """{"Variable": "$.Variable", "StringLessThanEquals": ""}""", """{"Variable": "", "Value": ""}""", true)]
    [InlineData("test_string_less_than_equals#cases[1]", """{"Variable": "$.Variable", "StringLessThanEquals": "AB"}""", """{"Variable": "A", "Value": "AB"}""", true)]
    [InlineData("test_string_less_than_equals#cases[2]", """{"Variable": "$.Variable", "StringLessThanEquals": "A"}""", """{"Variable": "AB", "Value": "A"}""", false)]
    [InlineData("test_string_less_than_equals_path#cases[0]", """{"Variable": "$.Variable", "StringLessThanEqualsPath": "$.Value"}""", """{"Variable": "", "Value": ""}""", true)]
    [InlineData("test_string_less_than_equals_path#cases[2]", """{"Variable": "$.Variable", "StringLessThanEqualsPath": "$.Value"}""", """{"Variable": "AB", "Value": "A"}""", false)]
    [InlineData("test_timestamp_equals#cases[0]", """{"Variable": "$.Variable", "TimestampEquals": "2012-10-09T19:00:55Z"}""", """{"Variable": null, "Value": "2012-10-09T19:00:55Z"}""", false)]
    [InlineData("test_timestamp_equals#cases[1]", """{"Variable": "$.Variable", "TimestampEquals": "2012-10-09T19:00:55Z"}""", """{"Variable": 0, "Value": "2012-10-09T19:00:55Z"}""", false)]
    [InlineData("test_timestamp_equals#cases[2]", """{"Variable": "$.Variable", "TimestampEquals": "2012-10-09T19:00:55Z"}""", """{"Variable": 0.0, "Value": "2012-10-09T19:00:55Z"}""", false)]
    [InlineData("test_timestamp_equals#cases[3]", """{"Variable": "$.Variable", "TimestampEquals": "2012-10-09T19:00:55Z"}""", """{"Variable": 1, "Value": "2012-10-09T19:00:55Z"}""", false)]
    [InlineData("test_timestamp_equals#cases[4]", """{"Variable": "$.Variable", "TimestampEquals": "2012-10-09T19:00:55Z"}""", """{"Variable": 1.1, "Value": "2012-10-09T19:00:55Z"}""", false)]
    [InlineData("test_timestamp_equals#cases[5]", """{"Variable": "$.Variable", "TimestampEquals": "2012-10-09T19:00:55Z"}""", """{"Variable": "", "Value": "2012-10-09T19:00:55Z"}""", false)]
    [InlineData("test_timestamp_equals#cases[6]", """{"Variable": "$.Variable", "TimestampEquals": "2012-10-09T19:00:55Z"}""", """{"Variable": " ", "Value": "2012-10-09T19:00:55Z"}""", false)]
    [InlineData("test_timestamp_equals#cases[7]", """{"Variable": "$.Variable", "TimestampEquals": "2012-10-09T19:00:55Z"}""", """{"Variable": "2023-02-24 12:15:56.832957", "Value": "2012-10-09T19:00:55Z"}""", false)]
    [InlineData("test_timestamp_equals#cases[9]", """{"Variable": "$.Variable", "TimestampEquals": "2012-10-09T19:00:55Z"}""", """{"Variable": [""], "Value": "2012-10-09T19:00:55Z"}""", false)]
    [InlineData("test_timestamp_equals#cases[10]", """{"Variable": "$.Variable", "TimestampEquals": "2012-10-09T19:00:55Z"}""", """{"Variable": {}, "Value": "2012-10-09T19:00:55Z"}""", false)]
    [InlineData("test_timestamp_equals#cases[11]", """{"Variable": "$.Variable", "TimestampEquals": "2012-10-09T19:00:55Z"}""", """{"Variable": {"A": 0}, "Value": "2012-10-09T19:00:55Z"}""", false)]
    [InlineData("test_timestamp_equals#cases[12]", """{"Variable": "$.Variable", "TimestampEquals": "2012-10-09T19:00:55Z"}""", """{"Variable": false, "Value": "2012-10-09T19:00:55Z"}""", false)]
    [InlineData("test_timestamp_equals#cases[14]", """{"Variable": "$.Variable", "TimestampEquals": "2012-10-09T19:00:55Z"}""", """{"Variable": "2012-10-09T19:00:55Z", "Value": "2012-10-09T19:00:55Z"}""", true)]
    [InlineData("test_timestamp_equals#cases[16]", """{"Variable": "$.Variable", "TimestampEquals": "2012-10-09T19:00:55Z"}""", """{"Variable": "2012-10-09T19:00:56Z", "Value": "2012-10-09T19:00:55Z"}""", false)]
    [InlineData("test_timestamp_equals_path#cases[0]", """{"Variable": "$.Variable", "TimestampEqualsPath": "$.Value"}""", """{"Variable": "2012-10-09T19:00:55Z", "Value": "2012-10-09T19:00:55Z"}""", true)]
    [InlineData("test_timestamp_equals_path#cases[1]", """{"Variable": "$.Variable", "TimestampEqualsPath": "$.Value"}""", """{"Variable": "2012-10-09T19:00:55Z", "Value": "2012-10-09T19:00:56Z"}""", false)]
    [InlineData("test_timestamp_greater_than#cases[0]", """{"Variable": "$.Variable", "TimestampGreaterThan": "2012-10-09T19:00:55Z"}""", """{"Variable": "2012-10-09T19:00:55Z", "Value": "2012-10-09T19:00:55Z"}""", false)]
    [InlineData("test_timestamp_greater_than#cases[2]", """{"Variable": "$.Variable", "TimestampGreaterThan": "2012-10-09T19:00:55Z"}""", """{"Variable": "2012-10-09T19:00:56Z", "Value": "2012-10-09T19:00:55Z"}""", true)]
    [InlineData("test_timestamp_greater_than_path", """{"Variable": "$.Variable", "TimestampGreaterThanPath": "$.Value"}""", """{"Variable": "2012-10-09T19:00:55Z", "Value": "2012-10-09T19:00:56Z"}""", false)]
    [InlineData("test_timestamp_greater_than_equals#cases[0]", """{"Variable": "$.Variable", "TimestampGreaterThanEquals": "2012-10-09T19:00:55Z"}""", """{"Variable": "2012-10-09T19:00:55Z", "Value": "2012-10-09T19:00:55Z"}""", true)]
    [InlineData("test_timestamp_greater_than_equals#cases[2]", """{"Variable": "$.Variable", "TimestampGreaterThanEquals": "2012-10-09T19:00:55Z"}""", """{"Variable": "2012-10-09T19:00:56Z", "Value": "2012-10-09T19:00:55Z"}""", true)]
    [InlineData("test_timestamp_greater_than_equals#cases[1]", """{"Variable": "$.Variable", "TimestampGreaterThanEquals": "2012-10-09T19:00:56Z"}""", """{"Variable": "2012-10-09T19:00:55Z", "Value": "2012-10-09T19:00:56Z"}""", false)]
    [InlineData("test_timestamp_greater_than_equals_path", """{"Variable": "$.Variable", "TimestampGreaterThanEqualsPath": "$.Value"}""", """{"Variable": "2012-10-09T19:00:55Z", "Value": "2012-10-09T19:00:56Z"}""", false)]
    [InlineData("test_timestamp_less_than#cases[0]", """{"Variable": "$.Variable", "TimestampLessThan": "2012-10-09T19:00:55Z"}""", """{"Variable": "2012-10-09T19:00:55Z", "Value": "2012-10-09T19:00:55Z"}""", false)]
    [InlineData("test_timestamp_less_than#cases[2]", """{"Variable": "$.Variable", "TimestampLessThan": "2012-10-09T19:00:55Z"}""", """{"Variable": "2012-10-09T19:00:56Z", "Value": "2012-10-09T19:00:55Z"}""", false)]
    [InlineData("test_timestamp_less_than_path", """{"Variable": "$.Variable", "TimestampLessThanPath": "$.Value"}""", """{"Variable": "2012-10-09T19:00:56Z", "Value": "2012-10-09T19:00:55Z"}""", false)]
    [InlineData("test_timestamp_less_than_equals#cases[0]", """{"Variable": "$.Variable", "TimestampLessThanEquals": "2012-10-09T19:00:55Z"}""", """{"Variable": "2012-10-09T19:00:55Z", "Value": "2012-10-09T19:00:55Z"}""", true)]
    [InlineData("test_timestamp_less_than_equals#cases[2]", """{"Variable": "$.Variable", "TimestampLessThanEquals": "2012-10-09T19:00:55Z"}""", """{"Variable": "2012-10-09T19:00:56Z", "Value": "2012-10-09T19:00:55Z"}""", false)]
    [InlineData("test_timestamp_less_than_equals#cases[1]", """{"Variable": "$.Variable", "TimestampLessThanEquals": "2012-10-09T19:00:56Z"}""", """{"Variable": "2012-10-09T19:00:55Z", "Value": "2012-10-09T19:00:56Z"}""", true)]
    [InlineData("test_timestamp_less_than_equals_path", """{"Variable": "$.Variable", "TimestampLessThanEqualsPath": "$.Value"}""", """{"Variable": "2012-10-09T19:00:56Z", "Value": "2012-10-09T19:00:55Z"}""", false)]
    public void SelectNext_RecordedAwsCase_TakesSameBranch(string caseId, string ruleJson, string inputJson, bool awsTookConditionTrue)
    {
        var rule = JsonNode.Parse(ruleJson)!.AsObject();
        rule["Next"] = "ConditionTrue";
        var state = new JsonObject
        {
            ["Type"] = "Choice",
            ["Choices"] = new JsonArray(rule),
            ["Default"] = "ConditionFalse",
        };

        var next = ChoiceState.Parse(state, "CheckValues").SelectNext(Context(inputJson), TestPathReader.Read);

        next.Should().Be(awsTookConditionTrue ? "ConditionTrue" : "ConditionFalse", caseId);
    }
}
