using Gdpr.Workflows.Engine.Data;
using static Gdpr.Workflows.Engine.Tests.Data.DataTestHelpers;

namespace Gdpr.Workflows.Engine.Tests.Data;

public class PayloadTemplateTests
{
    [Fact]
    public void Evaluate_PathsAndLiterals_ResolvesDynamicKeysAndCopiesTheRest()
    {
        var template = Json("{'Bucket.$': '$.Bucket', 'Key.$': '$.Key', 'from_previous': ['from-previous-item-0']}");

        var output = PayloadTemplate.Evaluate(template, Context("{'Bucket': 'bucket-name', 'Key': 'file.json'}"), "Parameters");

        Text(output).Should().Be(Text(Json("{'from_previous': ['from-previous-item-0'], 'Bucket': 'bucket-name', 'Key': 'file.json'}")));
    }

    [Fact]
    public void Evaluate_IntrinsicsOverVariables_MatchesAwsRecordingIncludingKeyOrder()
    {
        // AWS recording BASE_REFERENCE_IN_INTRINSIC_FUNCTION: literal keys keep their order, resolved keys
        // come out in Java HashMap order (decoded before encoded, parsedJson before mergedJson).
        var variables = new Dictionary<string, string>
        {
            ["rawString"] = "'Hello World'",
            ["encodedString"] = "'SGVsbG8gV29ybGQ='",
            ["inputString"] = "'Hash this string'",
            ["json1"] = "{'a': 1, 'b': 2}",
            ["json2"] = "{'c': 3, 'd': 4}",
            ["jsonString"] = """ "{\"key\":\"value\"}" """,
            ["jsonObject"] = "{'test': 'object'}",
            ["value1"] = "5",
            ["value2"] = "3",
            ["csvString"] = "'a,b,c,d,e'",
            ["name"] = "'John'",
            ["place"] = "'LocalStack'",
        };
        var template = Json("""
            {
              'encodingOps': {'encoded.$': 'States.Base64Encode($rawString)', 'decoded.$': 'States.Base64Decode($encodedString)'},
              'hashOps': {'hashValue.$': 'States.Hash($inputString, \'SHA-256\')'},
              'jsonOps': {
                'mergedJson.$': 'States.JsonMerge($json1, $json2, false)',
                'parsedJson.$': 'States.StringToJson($jsonString)',
                'stringifiedJson.$': 'States.JsonToString($jsonObject)'
              },
              'mathOps': {'sum.$': 'States.MathAdd($value1, $value2)'},
              'stringOps': {
                'splitString.$': 'States.StringSplit($csvString, \',\')',
                'formattedString.$': 'States.Format(\'Hello {}, welcome to {}!\', $name, $place)'
              }
            }
            """.Replace("\\'", "\\u0027", StringComparison.Ordinal));

        var output = PayloadTemplate.Evaluate(template, Context(variables: variables), "Parameters");

        Text(output).Should().Be(Text(Json(
            @"{'encodingOps':{'decoded':'Hello World','encoded':'SGVsbG8gV29ybGQ='}," +
            @"'hashOps':{'hashValue':'1cac63f39fd68d8c531f27b807610fb3d50f0fc3f186995767fb6316e7200a3e'}," +
            @"'jsonOps':{'parsedJson':{'key':'value'},'mergedJson':{'a':1,'b':2,'c':3,'d':4},'stringifiedJson':'{\'test\':\'object\'}'}," +
            @"'mathOps':{'sum':8}," +
            @"'stringOps':{'formattedString':'Hello John, welcome to LocalStack!','splitString':['a','b','c','d','e']}}")));
    }

    [Fact]
    public void Evaluate_ManyContextPaths_OrdersResolvedKeysLikeAws()
    {
        var template = Json("""
            {
              'context_object.$': '$$', 'execution.$': '$$.Execution', 'execution_id.$': '$$.Execution.Id',
              'execution_input.$': '$$.Execution.Input', 'execution_name.$': '$$.Execution.Name',
              'execution_rolearn.$': '$$.Execution.RoleArn', 'execution_starttime.$': '$$.Execution.StartTime',
              'state.$': '$$.State', 'state_enteredtime.$': '$$.State.EnteredTime', 'state_name.$': '$$.State.Name',
              'statemachine.$': '$$.StateMachine', 'statemachine_id.$': '$$.StateMachine.Id', 'statemachine_name.$': '$$.StateMachine.Name'
            }
            """);

        var output = PayloadTemplate.Evaluate(template, Context("{}", SampleContextObject), "Parameters")!.AsObject();

        output.Select(property => property.Key).Should().Equal(
            "execution", "execution_rolearn", "execution_name", "statemachine_id", "execution_id", "execution_input",
            "execution_starttime", "state_name", "state_enteredtime", "statemachine", "state", "context_object", "statemachine_name");
    }

    [Fact]
    public void Evaluate_ItemSelectorShape_PutsLiteralsBeforeResolvedKeys()
    {
        var template = Json("""
            {
              'original_input.$': '$', 'iteration_input_value.$': '$$.Map.Item.Value', 'iteration_index.$': '$$.Map.Item.Index',
              'from_input_constant.$': '$.delivery-partner', 'constant_value': 'HelloWorld'
            }
            """);
        var context = Context("{'delivery-partner': 'UQS'}", "{'Map': {'Item': {'Index': 0, 'Value': {'prod': 'R31'}}}}");

        var output = PayloadTemplate.Evaluate(template, context, "ItemSelector");

        Text(output).Should().Be(Text(Json(
            "{'constant_value':'HelloWorld','iteration_input_value':{'prod':'R31'},'from_input_constant':'UQS'," +
            "'iteration_index':0,'original_input':{'delivery-partner':'UQS'}}")));
    }

    [Fact]
    public void Evaluate_StringsThatLookLikePaths_AreCopiedWithoutDynamicSuffix()
    {
        var template = Json("{'constant_str_path': '$.no.such.path', 'constant_lst': [null, 0, 0.1, true, '$$', {'constant': 0}], 'nested': {'x.$': '$.v'}}");

        var output = PayloadTemplate.Evaluate(template, Context("{'v': 1.0}"), "Assign");

        Text(output).Should().Be("""{"constant_str_path":"$.no.such.path","constant_lst":[null,0,0.1,true,"$$",{"constant":0}],"nested":{"x":1.0}}""");
    }

    [Fact]
    public void Evaluate_ObjectsInsideArrays_AreResolved()
    {
        var output = PayloadTemplate.Evaluate(Json("[{'a.$': '$.x'}, 2]"), Context("{'x': 'y'}"), "Parameters");

        Text(output).Should().Be("""[{"a":"y"},2]""");
    }

    [Fact]
    public void Evaluate_MissingPath_ThrowsWithAwsCause()
    {
        var act = () => PayloadTemplate.Evaluate(Json("{'value.$': '$.no_such_jsonpath'}"), Context("{'int-literal': 0}"), "Parameters");

        act.Should().Throw<AslRuntimeException>().Where(e =>
            e.Error == ErrorNames.Runtime
            && e.Cause == "The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{\"int-literal\":0}'");
    }

    [Fact]
    public void Evaluate_MissingContextPath_ThrowsWithAwsCause()
    {
        var act = () => PayloadTemplate.Evaluate(
            Json("{'value.$': '$$.Execution.Input.no_such_jsonpath'}"), Context("{'int-literal': 0}", SampleContextObject), "Parameters");

        act.Should().Throw<AslRuntimeException>().Where(e =>
            e.Error == ErrorNames.Runtime
            && e.Cause.StartsWith("The JSONPath '$$.Execution.Input.no_such_jsonpath' specified for the field 'value.$' could not be found in the input", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_FailingIntrinsic_ThrowsIntrinsicFailure()
    {
        var act = () => PayloadTemplate.Evaluate(Json("{'item.$': 'States.ArrayGetItem($.a, 5)'}"), Context("{'a': [1]}"), "Parameters");

        act.Should().Throw<AslRuntimeException>().Where(e => e.Error == ErrorNames.IntrinsicFailure);
    }

    [Fact]
    public void Evaluate_NonStringDynamicValue_ThrowsStatesRuntime()
    {
        var act = () => PayloadTemplate.Evaluate(Json("{'outer': {'arrayParameter.$': ['$.x']}}"), Context(), "Parameters");

        act.Should().Throw<AslRuntimeException>().Where(e =>
            e.Error == ErrorNames.Runtime
            && e.Cause == "The value for the field 'arrayParameter.$' must be a STRING that contains a JSONPath but was an ARRAY at /Parameters/outer");
    }

    [Fact]
    public void Evaluate_LeavesTemplateAndInputUnchanged()
    {
        var template = Json("{'a.$': '$.x', 'b': {'c': 1}}");
        var context = Context("{'x': {'y': 2}}");

        var output = PayloadTemplate.Evaluate(template, context, "Parameters")!;
        output["a"]!["y"] = 3;
        output["b"]!["c"] = 4;

        Text(template).Should().Be("""{"a.$":"$.x","b":{"c":1}}""");
        Text(context.Input).Should().Be("""{"x":{"y":2}}""");
    }

    [Fact]
    public void Evaluate_NullTemplate_ReturnsNull()
    {
        PayloadTemplate.Evaluate(null, Context(), "Parameters").Should().BeNull();
    }

    [Fact]
    public void Validate_GoodTemplate_ReturnsNull()
    {
        var template = Json("{'a.$': '$.x', 'b.$': 'States.Format(\\u0027{}\\u0027, $$.Execution.Id)', 'c': {'d.$': '$var.e[0]'}, 'f': [{'g.$': '$'}], 'h': '$.not.checked'}");

        PayloadTemplate.Validate(template).Should().BeNull();
    }

    [Fact]
    public void Validate_IllegalEscapeInIntrinsic_ReturnsAwsMessageWithLocation()
    {
        var template = new System.Text.Json.Nodes.JsonObject
        {
            ["parsed.$"] = """States.StringToJson('{"text":"An \"escaped double quote\" here"}')""",
        };

        PayloadTemplate.Validate(template, "/States/IntrinsicEscape/Parameters").Should().Be(
            "The value for the field 'parsed.$' must be a valid JSONPath or a valid intrinsic function call at /States/IntrinsicEscape/Parameters");
    }

    [Fact]
    public void Validate_NonStringDynamicValue_ReturnsAwsMessage()
    {
        PayloadTemplate.Validate(Json("{'arrayParameter.$': ['$.output.type']}")).Should().Be(
            "The value for the field 'arrayParameter.$' must be a STRING that contains a JSONPath but was an ARRAY");
    }

    [Theory]
    [InlineData("{'a.$': 'not a path'}")]
    [InlineData("{'a.$': '$.b['}")]
    [InlineData("{'a.$': 'States.Unknown()'}")]
    [InlineData("{'x': {'y': [{'a.$': 42}]}}")]
    public void Validate_BadEntry_ReturnsMessage(string template)
    {
        PayloadTemplate.Validate(Json(template)).Should().NotBeNull();
    }

    [Fact]
    public void Validate_NestedBadEntry_PointsAtNestedObject()
    {
        PayloadTemplate.Validate(Json("{'x': {'y': [{'a.$': 'oops'}]}}"), "/States/P/Parameters")
            .Should().EndWith(" at /States/P/Parameters/x/y/0");
    }
}
