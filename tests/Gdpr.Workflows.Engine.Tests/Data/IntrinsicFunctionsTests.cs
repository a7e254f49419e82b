using Gdpr.Workflows.Engine.Data;
using static Gdpr.Workflows.Engine.Tests.Data.DataTestHelpers;

namespace Gdpr.Workflows.Engine.Tests.Data;

/// <summary>Parsing, validation, States.Format and the JSON/string/encoding functions; values from AWS recordings.</summary>
public class IntrinsicFunctionsTests
{
    internal static string Evaluate(string expression, string input = "{}", string? contextObject = null) =>
        Text(IntrinsicFunctions.Evaluate(expression, Context(input, contextObject)));

    internal static void ShouldFailWithIntrinsicFailure(string expression, string input = "{}")
    {
        var act = () => IntrinsicFunctions.Evaluate(expression, Context(input));

        act.Should().Throw<AslRuntimeException>()
            .Where(e => e.Error == ErrorNames.IntrinsicFailure && e.Cause.Contains(expression.Split('(')[0]));
    }

    [Theory]
    [InlineData("''", "Formatting argument .")]
    [InlineData("' '", "Formatting argument  .")]
    [InlineData("'HelloWorld'", "Formatting argument HelloWorld.")]
    [InlineData("1", "Formatting argument 1.")]
    [InlineData("1.1", "Formatting argument 1.1.")]
    [InlineData("1.0", "Formatting argument 1.0.")]
    [InlineData("null", "Formatting argument null.")]
    [InlineData("true", "Formatting argument true.")]
    [InlineData("{'Arg1': 1, 'Arg2': []}", "Formatting argument {Arg1=1, Arg2=[]}.")]
    [InlineData("[1, 'two', {'a': null}]", "Formatting argument [1, two, {a=null}].")]
    public void Format_PathArgument_RendersValueAsAws(string functionInput, string expected)
    {
        var result = Evaluate("States.Format('Formatting argument {}.', $.FunctionInput)", $"{{'FunctionInput': {functionInput}}}");

        result.Should().Be("\"" + expected + "\"");
    }

    [Fact]
    public void Format_ContextObjectArguments_RendersMapLikeJava()
    {
        var result = Evaluate(
            "States.Format('Formatting arguments fst={} and snd={}.', $$.Execution.Name, $$.StateMachine)",
            contextObject: SampleContextObject);

        result.Should().Be("\"Formatting arguments fst=run-1 and snd={Id=arn:aws:states:us-east-1:123456789012:stateMachine:Erasure, Name=Erasure}.\"");
    }

    [Fact]
    public void Format_EscapedBracesAndQuote_AreLiteral()
    {
        Evaluate(@"States.Format('It\'s \{not\} {}', 'a placeholder')").Should().Be("\"It's {not} a placeholder\"");
    }

    [Fact]
    public void Format_TemplateFromVariable_ReplacesPlaceholders()
    {
        var context = Context(variables: new Dictionary<string, string> { ["AnswerTemplate"] = "'It is {}!'" });

        var result = IntrinsicFunctions.Evaluate("States.Format($AnswerTemplate, 'Pikachu')", context);

        Text(result).Should().Be("\"It is Pikachu!\"");
    }

    [Theory]
    [InlineData("States.Format('{} and {}', 'one')")]
    [InlineData("States.Format('{}', 'one', 'two')")]
    [InlineData("States.Format(1, 'one')")]
    public void Format_BadArguments_ThrowsIntrinsicFailure(string expression)
    {
        ShouldFailWithIntrinsicFailure(expression);
    }

    [Theory]
    [InlineData("''", "null")]
    [InlineData("'null'", "null")]
    [InlineData("'-0'", "0")]
    [InlineData("'1'", "1")]
    [InlineData("'1.1'", "1.1")]
    [InlineData("'true'", "true")]
    [InlineData("'[1, 2, \\'HelloWorld\\']'", "[1,2,'HelloWorld']")]
    [InlineData("'{\\'Arg1\\': 1, \\'Arg2\\': []}'", "{'Arg1':1,'Arg2':[]}")]
    public void StringToJson_JsonText_ParsesIt(string functionInput, string expected)
    {
        Evaluate("States.StringToJson($.FunctionInput)", $"{{'FunctionInput': {functionInput}}}")
            .Should().Be(Text(Json(expected)));
    }

    [Fact]
    public void StringToJson_InvalidJson_ThrowsIntrinsicFailure()
    {
        ShouldFailWithIntrinsicFailure("States.StringToJson($.s)", "{'s': '{not json'}");
    }

    [Theory]
    [InlineData("null", "null")]
    [InlineData("0", "0")]
    [InlineData("1.1", "1.1")]
    [InlineData("true", "true")]
    [InlineData("'HelloWorld'", "\\\"HelloWorld\\\"")]
    [InlineData("[1, 2, 'HelloWorld']", "[1,2,\\\"HelloWorld\\\"]")]
    [InlineData("{'Arg1': 1, 'Arg2': []}", "{\\\"Arg1\\\":1,\\\"Arg2\\\":[]}")]
    public void JsonToString_AnyValue_ReturnsCompactText(string functionInput, string expectedEscaped)
    {
        Evaluate("States.JsonToString($.FunctionInput)", $"{{'FunctionInput': {functionInput}}}")
            .Should().Be("\"" + expectedEscaped + "\"");
    }

    [Fact]
    public void JsonMerge_ShallowMerge_SecondWinsAndKeysInJavaHashMapOrder()
    {
        var result = Evaluate(
            "States.JsonMerge($.fst, $.snd, false)",
            "{'fst': {'a': {'a1': 1, 'a2': 2}, 'b': 2, 'd': 3}, 'snd': {'a': {'a3': 1, 'a4': 2}, 'c': 3, 'd': 4}}");

        result.Should().Be("""{"a":{"a3":1,"a4":2},"b":2,"c":3,"d":4}""");
    }

    [Fact]
    public void JsonMerge_NestedStringToJsonWithEscapedQuotes_MergesInAwsOrder()
    {
        var context = Context("{}", """{'Execution': {'Input': {'input_field': {'constant_input_field': 'constant_value'}}}}""");

        var result = IntrinsicFunctions.Evaluate(
            """States.JsonMerge(States.StringToJson('{"constant_in_literal": "false"}'), $$.Execution.Input.input_field, false)""",
            context);

        Text(result).Should().Be("""{"constant_input_field":"constant_value","constant_in_literal":"false"}""");
    }

    [Theory]
    [InlineData("States.JsonMerge($.a, $.b, true)")]
    [InlineData("States.JsonMerge($.a, $.list, false)")]
    public void JsonMerge_DeepModeOrNonObject_ThrowsIntrinsicFailure(string expression)
    {
        ShouldFailWithIntrinsicFailure(expression, "{'a': {'x': 1}, 'b': {'y': 2}, 'list': []}");
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("Data to encode", "RGF0YSB0byBlbmNvZGU=")]
    [InlineData("Hello World", "SGVsbG8gV29ybGQ=")]
    public void Base64EncodeAndDecode_RoundTrip(string plain, string encoded)
    {
        Evaluate("States.Base64Encode($.v)", $"{{'v': '{plain}'}}").Should().Be($"\"{encoded}\"");
        Evaluate("States.Base64Decode($.v)", $"{{'v': '{encoded}'}}").Should().Be($"\"{plain}\"");
    }

    [Fact]
    public void Base64Decode_InvalidInput_ThrowsIntrinsicFailure()
    {
        ShouldFailWithIntrinsicFailure("States.Base64Decode('not base64!')");
    }

    [Fact]
    public void Base64Encode_InputOver10000Characters_ThrowsIntrinsicFailure()
    {
        ShouldFailWithIntrinsicFailure("States.Base64Encode($.v)", $"{{'v': '{new string('x', 10_001)}'}}");
    }

    [Theory]
    [InlineData("MD5", "812f45842bc6d66ee14572ce20db8e86")]
    [InlineData("SHA-1", "aaff4a450a104cd177d28d18d74485e8cae074b7")]
    [InlineData("SHA-256", "b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3")]
    [InlineData("SHA-384", "d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562")]
    [InlineData("SHA-512", "6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4")]
    public void Hash_SupportedAlgorithm_ReturnsLowerCaseHexDigest(string algorithm, string digest)
    {
        Evaluate("States.Hash($.fst, $.snd)", $"{{'fst': 'input data', 'snd': '{algorithm}'}}").Should().Be($"\"{digest}\"");
    }

    [Theory]
    [InlineData("States.Hash('input data', 'SHA-3')")]
    [InlineData("States.Hash('input data', 'sha-256')")]
    [InlineData("States.Hash(42, 'SHA-256')")]
    public void Hash_BadArguments_ThrowsIntrinsicFailure(string expression)
    {
        ShouldFailWithIntrinsicFailure(expression);
    }

    [Theory]
    [InlineData(" , ", ",", "[' ',' ']")]
    [InlineData(", , ,", ",", "[' ',' ']")]
    [InlineData(",,,,", ",", "[]")]
    [InlineData("1,2,3,4,5", ",", "['1','2','3','4','5']")]
    [InlineData("This.is+a,test=string", ".+,=", "['This','is','a','test','string']")]
    [InlineData("split on T and \\nnew line", "T\\n", "['split on ',' and ','new line']")]
    public void StringSplit_SplitsOnEachDelimiterCharacterAndDropsEmptyPieces(string text, string delimiters, string expected)
    {
        Evaluate("States.StringSplit($.fst, $.snd)", $"{{'fst': '{text}', 'snd': '{delimiters}'}}").Should().Be(Text(Json(expected)));
    }

    [Fact]
    public void StringSplit_LiteralWithRealNewline_Splits()
    {
        Evaluate("States.StringSplit('Hello\nWorld', '\n')").Should().Be("""["Hello","World"]""");
    }

    [Fact]
    public void StringSplit_NonStringArgument_ThrowsIntrinsicFailure()
    {
        ShouldFailWithIntrinsicFailure("States.StringSplit($.v, ',')", "{'v': [1, 2]}");
    }

    [Fact]
    public void Uuid_ReturnsVersion4UuidFromContextRandom()
    {
        var first = IntrinsicFunctions.Evaluate("States.UUID()", Context(random: new Random(7)))!.GetValue<string>();
        var again = IntrinsicFunctions.Evaluate("States.UUID()", Context(random: new Random(7)))!.GetValue<string>();

        first.Should().MatchRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
        again.Should().Be(first);
    }

    [Fact]
    public void Uuid_WithArgument_IsRejectedByValidate()
    {
        IntrinsicFunctions.Validate("States.UUID(1)").Should().NotBeNull();
    }

    [Fact]
    public void Evaluate_NestedCalls_EvaluateInsideOut()
    {
        var context = Context("{}", "{'StateMachine': {'Name': 'gdpr-erasure-main'}}");

        var last = IntrinsicFunctions.Evaluate(
            "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, '-')), -1))",
            context);
        var first = IntrinsicFunctions.Evaluate("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)", context);

        Text(last).Should().Be("\"main\"");
        Text(first).Should().Be("\"gdpr\"");
    }

    [Fact]
    public void Evaluate_MissingPathArgument_ThrowsStatesRuntime()
    {
        var act = () => IntrinsicFunctions.Evaluate("States.Format('{}', $.missing)", Context("{'a': 1}"), fieldName: "text.$");

        act.Should().Throw<AslRuntimeException>().Where(e =>
            e.Error == ErrorNames.Runtime
            && e.Cause == "The JSONPath '$.missing' specified for the field 'text.$' could not be found in the input '{\"a\":1}'");
    }

    [Fact]
    public void Evaluate_DoesNotChangeTheInput()
    {
        var context = Context("{'a': [3, 1], 'b': {'k': 1}}");

        IntrinsicFunctions.Evaluate("States.Array($.a, States.JsonMerge($.b, $.b, false))", context);

        Text(context.Input).Should().Be("""{"a":[3,1],"b":{"k":1}}""");
    }

    [Theory]
    [InlineData("States.Format('Format Func {}', $.input_value)")]
    [InlineData("States.Format('{}', $varname)")]
    [InlineData("States.Array()")]
    [InlineData("  States.Array( 1 , 'a' , true , null , -2.5 )  ")]
    [InlineData("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)")]
    [InlineData("States.Format('a \\' \\{ \\} \\\\ b')")]
    [InlineData("States.Format('{}', $.a['x, y'])")]
    [InlineData("States.ArrayLength($.a[?(@.b > 1)])")]
    [InlineData("States.MathRandom(1, 10, 3)")]
    public void Validate_WellFormedCall_ReturnsNull(string expression)
    {
        IntrinsicFunctions.Validate(expression).Should().BeNull();
    }

    [Theory]
    [InlineData("States.StringToJson('{\"text\":\"An \\\"escaped double quote\\\" here\"}')")]
    [InlineData("States.Format('He said, \\\"Hello, {}!\\\"', 'Test \\\"Name\\\" Here')")]
    [InlineData("States.NoSuchFunction(1)")]
    [InlineData("Format('{}', 1)")]
    [InlineData("States.Format('unterminated)")]
    [InlineData("States.Format('{}', 1")]
    [InlineData("States.Format('{}', 1) trailing")]
    [InlineData("States.Format()")]
    [InlineData("States.ArrayRange(1, 2)")]
    [InlineData("States.MathRandom(1, 2, 3, 4)")]
    [InlineData("States.Array($.a b)")]
    [InlineData("States.Array(maybe)")]
    public void Validate_MalformedCall_ReturnsReason(string expression)
    {
        IntrinsicFunctions.Validate(expression).Should().NotBeNull();
    }
}
