using static Gdpr.Workflows.Engine.Tests.Data.DataTestHelpers;
using static Gdpr.Workflows.Engine.Tests.Data.IntrinsicFunctionsTests;

namespace Gdpr.Workflows.Engine.Tests.Data;

/// <summary>The States.Array* functions; expected values come from AWS recordings where one exists.</summary>
public class IntrinsicFunctionsArrayTests
{
    [Theory]
    [InlineData("''", "['','']")]
    [InlineData("null", "[null,null]")]
    [InlineData("1", "[1,1]")]
    [InlineData("1.1", "[1.1,1.1]")]
    [InlineData("{'Arg1': 1, 'Arg2': []}", "[{'Arg1':1,'Arg2':[]},{'Arg1':1,'Arg2':[]}]")]
    public void Array_PathArguments_CollectsValues(string value, string expected)
    {
        Evaluate("States.Array($.fst, $.snd)", $"{{'fst': {value}, 'snd': {value}}}").Should().Be(Text(Json(expected)));
    }

    [Fact]
    public void Array_NoArguments_ReturnsEmptyArray()
    {
        Evaluate("States.Array()").Should().Be("[]");
    }

    [Fact]
    public void Array_Literals_KeepTheirTypes()
    {
        Evaluate("States.Array('a', 1, 1.0, -2.5, true, false, null)").Should().Be("""["a",1,1.0,-2.5,true,false,null]""");
    }

    [Theory]
    [InlineData("[]", 1, "[]")]
    [InlineData("[0]", 5, "[[0]]")]
    [InlineData("[0, 1]", 1, "[[0],[1]]")]
    [InlineData("[0, 1, 2]", 2, "[[0,1],[2]]")]
    [InlineData("[0, 1, 2, 3]", 3, "[[0,1,2],[3]]")]
    [InlineData("[0, 1, 2, 3]", 4, "[[0,1,2,3]]")]
    public void ArrayPartition_ChunksArray(string array, int size, string expected)
    {
        Evaluate("States.ArrayPartition($.fst, $.snd)", $"{{'fst': {array}, 'snd': {size}}}").Should().Be(expected);
    }

    [Theory]
    [InlineData("States.ArrayPartition($.a, 0)")]
    [InlineData("States.ArrayPartition($.a, -1)")]
    [InlineData("States.ArrayPartition($.a, 1.5)")]
    [InlineData("States.ArrayPartition('abc', 1)")]
    public void ArrayPartition_BadArguments_ThrowsIntrinsicFailure(string expression)
    {
        ShouldFailWithIntrinsicFailure(expression, "{'a': [1, 2]}");
    }

    [Theory]
    [InlineData("[]", "null", false)]
    [InlineData("[]", "[]", false)]
    [InlineData("[]", "1", false)]
    [InlineData("[[1, 2, 3], 2]", "null", false)]
    [InlineData("[[1, 2, 3], 2]", "[1, 2, 3]", true)]
    [InlineData("[{'1': 2, '2': []}]", "[]", false)]
    [InlineData("[{'1': 2, '2': []}]", "{'2': [], '1': 2}", true)]
    [InlineData("[true, false]", "true", true)]
    [InlineData("[1]", "1.0", false)]
    public void ArrayContains_ComparesByJsonValue(string array, string value, bool expected)
    {
        Evaluate("States.ArrayContains($.fst, $.snd)", $"{{'fst': {array}, 'snd': {value}}}").Should().Be(expected ? "true" : "false");
    }

    [Fact]
    public void ArrayContains_FirstArgumentNotArray_ThrowsIntrinsicFailure()
    {
        ShouldFailWithIntrinsicFailure("States.ArrayContains($.a, 1)", "{'a': {'b': 1}}");
    }

    [Theory]
    [InlineData(0, 9, 3, "[0,3,6,9]")]
    [InlineData(0, 10, 3, "[0,3,6,9]")]
    [InlineData(1, 9, 9, "[1]")]
    [InlineData(1, 9, 2, "[1,3,5,7,9]")]
    [InlineData(9, 0, -3, "[9,6,3,0]")]
    [InlineData(5, 1, 1, "[]")]
    public void ArrayRange_BuildsInclusiveRange(int start, int end, int step, string expected)
    {
        Evaluate("States.ArrayRange($.fst, $.snd, $.trd)", $"{{'fst': {start}, 'snd': {end}, 'trd': {step}}}").Should().Be(expected);
    }

    [Theory]
    [InlineData("States.ArrayRange(1, 10, 0)")]
    [InlineData("States.ArrayRange(0, 1000, 1)")]
    [InlineData("States.ArrayRange(0.5, 10, 1)")]
    [InlineData("States.ArrayRange('0', 10, 1)")]
    public void ArrayRange_BadArguments_ThrowsIntrinsicFailure(string expression)
    {
        ShouldFailWithIntrinsicFailure(expression);
    }

    [Fact]
    public void ArrayRange_ThousandItems_IsAllowed()
    {
        var result = Json(Evaluate("States.ArrayRange(1, 1000, 1)"))!.AsArray();

        result.Count.Should().Be(1000);
    }

    [Fact]
    public void ArrayGetItem_ReturnsElementAtIndex()
    {
        Evaluate("States.ArrayGetItem($.fst, $.snd)", "{'fst': [1, 2, 3, 4, 5, 6, 7, 8, 9], 'snd': 5}").Should().Be("6");
    }

    [Theory]
    [InlineData("States.ArrayGetItem($.a, 3)")]
    [InlineData("States.ArrayGetItem($.a, -1)")]
    [InlineData("States.ArrayGetItem($.a, 'x')")]
    public void ArrayGetItem_BadIndex_ThrowsIntrinsicFailure(string expression)
    {
        ShouldFailWithIntrinsicFailure(expression, "{'a': [1, 2, 3]}");
    }

    [Fact]
    public void ArrayLength_CountsElements()
    {
        Evaluate("States.ArrayLength($.FunctionInput)", "{'FunctionInput': [1, 2, 3, 4, 5, 6, 7, 8, 9]}").Should().Be("9");
    }

    [Fact]
    public void ArrayLength_NotAnArray_ThrowsIntrinsicFailure()
    {
        ShouldFailWithIntrinsicFailure("States.ArrayLength($.v)", "{'v': 'abc'}");
    }

    [Fact]
    public void ArrayUnique_KeepsFirstOccurrences()
    {
        Evaluate("States.ArrayUnique($.v)", "{'v': [1, 2, 2, 3, 3, 4, 1.0, {'a': 1}, {'a': 1}, null, null]}")
            .Should().Be("""[1,2,3,4,1.0,{"a":1},null]""");
    }

    [Fact]
    public void ArrayUnique_NotAnArray_ThrowsIntrinsicFailure()
    {
        ShouldFailWithIntrinsicFailure("States.ArrayUnique($.v)", "{'v': {'a': 1}}");
    }
}
