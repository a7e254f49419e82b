using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data;
using static Gdpr.Workflows.Engine.Tests.Data.DataTestHelpers;

namespace Gdpr.Workflows.Engine.Tests.Data;

public class JsonPathsSelectTests
{
    private const string Items = "{'items': [{'item_key': 0}, {'item_key': 1}, {'item_key': 2}, {'item_key': 3}, {'item_key': 4}]}";

    private const string Store = """
        {
          'store': {
            'book': [
              {'category': 'reference', 'author': 'Nigel Rees', 'title': 'Sayings', 'price': 8.95},
              {'category': 'fiction', 'author': 'Evelyn Waugh', 'title': 'Sword', 'price': 12.99},
              {'category': 'fiction', 'author': 'Herman Melville', 'title': 'Moby Dick', 'isbn': '0-553', 'price': 8.99}
            ],
            'bicycle': {'color': 'red', 'price': 19.95}
          },
          'expensive': 10
        }
        """;

    [Theory]
    [InlineData("$", Items)]
    [InlineData("$.items[0]", "{'item_key':0}")]
    [InlineData("$.items[-1]", "{'item_key':4}")]
    [InlineData("$['items'][1]['item_key']", "1")]
    [InlineData("$.items[0,2].item_key", "[0,2]")]
    [InlineData("$.items[1:3].item_key", "[1,2]")]
    [InlineData("$.items[:2].item_key", "[0,1]")]
    [InlineData("$.items[-2:].item_key", "[3,4]")]
    [InlineData("$.items[*].item_key", "[0,1,2,3,4]")]
    [InlineData("$..item_key", "[0,1,2,3,4]")]
    [InlineData("$.items.length()", "5")]
    public void Select_SupportedSyntax_SelectsValue(string path, string expected)
    {
        var value = JsonPaths.Select(path, Context(Items));

        Text(value).Should().Be(Text(Json(expected)));
    }

    [Theory]
    [InlineData("$.store.book[?(@.price < 10)].title", "['Sayings','Moby Dick']")]
    [InlineData("$.store.book[?(@.category == 'fiction')].author", "['Evelyn Waugh','Herman Melville']")]
    [InlineData("$.store.book[?(@.isbn)].title", "['Moby Dick']")]
    [InlineData("$.store.book[?(!@.isbn)].title", "['Sayings','Sword']")]
    [InlineData("$.store.book[?(@.price > $.expensive)].title", "['Sword']")]
    [InlineData("$.store.book[?(@.category == 'fiction' && @.price < 10)].title", "['Moby Dick']")]
    [InlineData("$.store.book[?(@.author =~ /.*REES/i)].title", "['Sayings']")]
    [InlineData("$.store.book[?(@.category in ['reference', 'poetry'])].title", "['Sayings']")]
    [InlineData("$..book[?(@.price >= 12.99 || @.price == 8.95)].title", "['Sayings','Sword']")]
    [InlineData("$..price", "[8.95,12.99,8.99,19.95]")]
    [InlineData("$.store.*.color", "['red']")]
    public void Select_FilterAndScan_SelectsMatches(string path, string expected)
    {
        var value = JsonPaths.Select(path, Context(Store));

        Text(value).Should().Be(Text(Json(expected)));
    }

    [Fact]
    public void Select_FilterOnScalarElements_MatchesNothing()
    {
        // AWS documents that '@' in a filter matches objects only, never scalar values.
        Text(JsonPaths.Select("$.a[?(@ > 1)]", Context("{'a': [1, 2, 3]}"))).Should().Be("[]");
    }

    [Fact]
    public void Select_FilterComparesNumbersByValue()
    {
        Text(JsonPaths.Select("$.a[?(@.v == 1)].id", Context("{'a': [{'id': 'x', 'v': 1.0}, {'id': 'y', 'v': '1'}, {'id': 'z', 'v': 2}]}")))
            .Should().Be("""["x","y"]""");
    }

    [Fact]
    public void Select_FilterOnStatusFromAwsRecording_ReturnsMatchingObjects()
    {
        var context = Context("{'users': [{'year': 1997, 'status': 0}, {'year': 1998, 'status': 1}]}");

        Text(JsonPaths.Select("$.users[?(@.status == 0)]", context)).Should().Be("""[{"year":1997,"status":0}]""");
    }

    [Theory]
    [InlineData("$.items[*]")]
    [InlineData("$.items[1:]")]
    [InlineData("$.items[:1]")]
    [InlineData("$.item.items[1:5]")]
    [InlineData("$.items[*].itemValue")]
    [InlineData("$.item.items[1:5].itemValue")]
    public void Select_IndefinitePathOnMissingInput_ReturnsEmptyArray(string path)
    {
        // AWS: Parameters {"item.$": path} on input {} gives {"item": []}.
        Text(JsonPaths.Select(path, Context("{}"))).Should().Be("[]");
    }

    [Fact]
    public void Select_BracketNameWithBackslashAndQuotes_KeepsBackslashLiterally()
    {
        // From AWS's escape-sequence recording: the key is Test\""Name".
        var context = Context("""{"Test\\\"\"Name\"": "Value\"\\"}""".Replace('\'', '"'));

        var value = JsonPaths.Select("""$['Test\""Name"']""", context);

        value!.GetValue<string>().Should().Be("Value\"\\");
    }

    [Fact]
    public void Select_ContextPathWithHyphen_ReadsContextObject()
    {
        var context = Context("{}", SampleContextObject);

        Text(JsonPaths.Select("$$.Execution.Input.input-value", context)).Should().Be("0");
        Text(JsonPaths.Select("$$.State.Name", context)).Should().Be("\"TestState\"");
    }

    [Fact]
    public void Select_Variable_ReadsVariableValue()
    {
        var context = Context(variables: new Dictionary<string, string> { ["order"] = "{'lines': [{'sku': 'a'}, {'sku': 'b'}]}" });

        Text(JsonPaths.Select("$order.lines[1].sku", context)).Should().Be("\"b\"");
        Text(JsonPaths.Select("$order", context)).Should().Be("""{"lines":[{"sku":"a"},{"sku":"b"}]}""");
    }

    [Fact]
    public void Select_MultiplePropertyNames_MergesThemIntoAnObject()
    {
        Text(JsonPaths.Select("$['a','c']", Context("{'a': 1, 'b': 2, 'c': 3}"))).Should().Be("""{"a":1,"c":3}""");
    }

    [Fact]
    public void Select_KeepsIntegerAndFloatApart()
    {
        Text(JsonPaths.Select("$.v", Context("{'v': [1, 1.0, 2.50]}"))).Should().Be("[1,1.0,2.5]");
    }

    [Fact]
    public void Select_Result_IsADetachedCopy()
    {
        var context = Context("{'a': {'b': 1}}");

        var value = JsonPaths.Select("$.a", context)!;
        value["b"] = 2;
        var holder = new JsonObject { ["copy"] = value };

        Text(context.Input).Should().Be("""{"a":{"b":1}}""");
        Text(holder).Should().Be("""{"copy":{"b":2}}""");
    }

    [Theory]
    [InlineData("$.NoSuchInputPath", "{'int-literal': 0}", "Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']")]
    [InlineData("$.no.such.result.path", "{}", "Invalid path '$.no.such.result.path' : Missing property in path $['no']")]
    [InlineData("$.a.b", "{'a': {}}", "Invalid path '$.a.b' : No results for path: $['a']['b']")]
    [InlineData("$.items[10]", "{'items': [1]}", "Invalid path '$.items[10]' : No results for path: $['items'][10]")]
    [InlineData("$.a[0]", "{'a': null}", "Invalid path '$.a[0]' : The path $['a'] is null")]
    [InlineData("$.a.b", "{'a': 'text'}", "Invalid path '$.a.b' : Expected to find an object with property ['b'] in path $['a'] but found 'java.lang.String'. This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider'.")]
    public void Select_PathWithoutMatch_ThrowsStatesRuntimeWithJaywayMessage(string path, string input, string cause)
    {
        var act = () => JsonPaths.Select(path, Context(input));

        act.Should().Throw<AslRuntimeException>()
            .Where(e => e.Error == ErrorNames.Runtime && e.Cause == cause);
    }

    [Fact]
    public void Select_UnsupportedFunction_Throws()
    {
        // AWS fails "$.Jobs.sum()" at run time although Jayway knows sum().
        var act = () => JsonPaths.Select("$.Jobs.sum()", Context("{'Jobs': [0, 1]}"));

        act.Should().Throw<AslRuntimeException>().Where(e => e.Error == ErrorNames.Runtime);
    }

    [Fact]
    public void Select_UndefinedVariable_ThrowsStatesRuntime()
    {
        var act = () => JsonPaths.Select("$missing.field", Context());

        act.Should().Throw<AslRuntimeException>().Where(e => e.Error == ErrorNames.Runtime && e.Cause.Contains("missing"));
    }

    [Fact]
    public void SelectForField_PathWithoutMatch_UsesParametersCause()
    {
        var act = () => JsonPaths.SelectForField("$.no_such_jsonpath", Context("{'int-literal': 0}"), "value.$");

        act.Should().Throw<AslRuntimeException>().Where(e =>
            e.Error == ErrorNames.Runtime
            && e.Cause == "The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{\"int-literal\":0}'");
    }

    [Fact]
    public void TrySelect_MissingValue_ReturnsFalse()
    {
        var context = Context("{'a': 'text', 'n': null}");

        JsonPaths.TrySelect("$.missing", context, out _).Should().BeFalse();
        JsonPaths.TrySelect("$.a.b", context, out _).Should().BeFalse();
        JsonPaths.TrySelect("$undefinedVariable", context, out _).Should().BeFalse();
        JsonPaths.TrySelect("$.n", context, out var nullValue).Should().BeTrue();
        nullValue.Should().BeNull();
    }

    [Fact]
    public void TrySelect_PresentValue_ReturnsCopy()
    {
        JsonPaths.TrySelect("$.a", Context("{'a': [1]}"), out var value).Should().BeTrue();

        Text(value).Should().Be("[1]");
    }
}
