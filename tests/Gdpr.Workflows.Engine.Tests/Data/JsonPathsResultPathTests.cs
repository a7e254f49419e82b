using Gdpr.Workflows.Engine.Data;
using static Gdpr.Workflows.Engine.Tests.Data.DataTestHelpers;

namespace Gdpr.Workflows.Engine.Tests.Data;

public class JsonPathsResultPathTests
{
    [Fact]
    public void ApplyResultPath_Null_KeepsInputAndDiscardsResult()
    {
        var output = JsonPaths.ApplyResultPath(Json("{'a': 1}"), Json("'result'"), null);

        Text(output).Should().Be("""{"a":1}""");
    }

    [Fact]
    public void ApplyResultPath_Root_ReturnsResult()
    {
        var output = JsonPaths.ApplyResultPath(Json("{'a': 1}"), Json("'Hello, Step Functions!'"), "$");

        Text(output).Should().Be("\"Hello, Step Functions!\"");
    }

    [Fact]
    public void ApplyResultPath_NewNestedField_CreatesIntermediateObjects()
    {
        var output = JsonPaths.ApplyResultPath(Json("{'a': 1}"), Json("{'x': 1.0}"), "$.result.detail");

        Text(output).Should().Be("""{"a":1,"result":{"detail":{"x":1.0}}}""");
    }

    [Fact]
    public void ApplyResultPath_ExistingField_ReplacesValueInPlace()
    {
        // AWS Map state with ResultPath $.Values: the key keeps its position.
        var output = JsonPaths.ApplyResultPath(Json("{'Values': [0], 'Iterations': 0}"), Json("[0,1,2,3]"), "$.Values");

        Text(output).Should().Be("""{"Values":[0,1,2,3],"Iterations":0}""");
    }

    [Fact]
    public void ApplyResultPath_ArrayIndex_ReplacesElement()
    {
        var output = JsonPaths.ApplyResultPath(Json("{'path': {'to': {'array': [0, 0]}}}"), Json("'person'"), "$.path.to.array[1]");

        Text(output).Should().Be("""{"path":{"to":{"array":[0,"person"]}}}""");
    }

    [Fact]
    public void ApplyResultPath_BracketNotation_SetsField()
    {
        var output = JsonPaths.ApplyResultPath(Json("{}"), Json("1"), "$['error info']");

        Text(output).Should().Be("""{"error info":1}""");
    }

    [Theory]
    [InlineData("'text'", "$.result")]
    [InlineData("{'a': 'text'}", "$.a.b")]
    [InlineData("{'a': null}", "$.a.b")]
    [InlineData("{'a': [1]}", "$.a.b")]
    [InlineData("{'a': [1]}", "$.a[3]")]
    [InlineData("{'a': {}}", "$.a[0]")]
    public void ApplyResultPath_UnreachableLocation_ThrowsResultPathMatchFailure(string input, string resultPath)
    {
        var act = () => JsonPaths.ApplyResultPath(Json(input), Json("1"), resultPath);

        act.Should().Throw<AslRuntimeException>().Where(e => e.Error == ErrorNames.ResultPathMatchFailure);
    }

    [Fact]
    public void ApplyResultPath_LeavesArgumentsUnchanged()
    {
        var input = Json("{'a': {'b': 1}}");
        var result = Json("{'r': 2}");

        var output = JsonPaths.ApplyResultPath(input, result, "$.a.c")!;
        output["a"]!["c"]!["r"] = 3;

        Text(input).Should().Be("""{"a":{"b":1}}""");
        Text(result).Should().Be("""{"r":2}""");
    }
}
