using Gdpr.Workflows.Engine.Data;
using static Gdpr.Workflows.Engine.Tests.Data.DataTestHelpers;
using static Gdpr.Workflows.Engine.Tests.Data.IntrinsicFunctionsTests;

namespace Gdpr.Workflows.Engine.Tests.Data;

/// <summary>States.MathAdd (values recorded on AWS) and States.MathRandom.</summary>
public class IntrinsicFunctionsMathTests
{
    [Theory]
    [InlineData("-9", "3", "-6")]
    [InlineData("1.49", "1.5", "3")]
    [InlineData("1.5", "1.51", "4")]
    [InlineData("-1.49", "-1.5", "-2")]
    [InlineData("-1.5", "-1.51", "-3")]
    [InlineData("1.49", "-1.49", "0")]
    [InlineData("1.51", "0", "2")]
    [InlineData("-1.49", "0", "-1")]
    [InlineData("0.5", "0", "1")]
    [InlineData("2.5", "0", "3")]
    [InlineData("-0.5", "0.5", "1")]
    [InlineData("-0.5", "0", "0")]
    [InlineData("-2.5", "0", "-2")]
    [InlineData("-3.5", "0", "-3")]
    public void MathAdd_RoundsHalfUpThenAdds(string first, string second, string expected)
    {
        Evaluate("States.MathAdd($.fst, $.snd)", $"{{'fst': {first}, 'snd': {second}}}").Should().Be(expected);
    }

    [Theory]
    [InlineData("States.MathAdd('1', 2)")]
    [InlineData("States.MathAdd(2147483648, 1)")]
    [InlineData("States.MathAdd(null, 1)")]
    public void MathAdd_BadArguments_ThrowsIntrinsicFailure(string expression)
    {
        ShouldFailWithIntrinsicFailure(expression);
    }

    [Fact]
    public void MathAdd_IntMaxPlusOne_DoesNotOverflow()
    {
        Evaluate("States.MathAdd(2147483647, 1)").Should().Be("2147483648");
    }

    [Theory]
    [InlineData(12.5, 44.51)]
    [InlineData(9999, 99999)]
    [InlineData(-99999, -9999)]
    public void MathRandom_ReturnsIntegerInRange(double start, double end)
    {
        var input = $"{{'fst': {start.ToString(System.Globalization.CultureInfo.InvariantCulture)}, 'snd': {end.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}";
        for (var i = 0; i < 50; i++)
        {
            var value = IntrinsicFunctions.Evaluate("States.MathRandom($.fst, $.snd)", Context(input, random: new Random(i)))!.GetValue<long>();

            value.Should().BeGreaterThanOrEqualTo((long)Math.Floor(start + 0.5)).And.BeLessThan((long)Math.Floor(end + 0.5));
        }
    }

    [Fact]
    public void MathRandom_WithSeed_IsRepeatable()
    {
        var first = Evaluate("States.MathRandom($.fst, $.snd, $.trd)", "{'fst': 0, 'snd': 999, 'trd': 3}");
        var second = IntrinsicFunctions.Evaluate("States.MathRandom(0, 999, 3)", Context(random: new Random(12345)));

        Text(second).Should().Be(first);
    }

    [Fact]
    public void MathRandom_WithoutSeed_UsesExplicitRandomOverContext()
    {
        var fromParameter = IntrinsicFunctions.Evaluate("States.MathRandom(0, 1000000)", Context(random: new Random(1)), random: new Random(99));
        var expected = IntrinsicFunctions.Evaluate("States.MathRandom(0, 1000000)", Context(random: new Random(99)));

        Text(fromParameter).Should().Be(Text(expected));
    }

    [Theory]
    [InlineData("States.MathRandom(5, 5)")]
    [InlineData("States.MathRandom(10, 1)")]
    [InlineData("States.MathRandom('1', 10)")]
    public void MathRandom_BadArguments_ThrowsIntrinsicFailure(string expression)
    {
        ShouldFailWithIntrinsicFailure(expression);
    }
}
