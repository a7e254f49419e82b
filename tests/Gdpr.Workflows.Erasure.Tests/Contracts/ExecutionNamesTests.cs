using Gdpr.Workflows.Erasure.Contracts;

namespace Gdpr.Workflows.Erasure.Tests.Contracts;

public sealed class ExecutionNamesTests
{
    [Theory]
    [InlineData("req-20260302-abc", 1, "req-20260302-abc")]
    [InlineData("req-20260302-abc", 2, "req-20260302-abc--run-2")]
    [InlineData("req-20260302-abc", 12, "req-20260302-abc--run-12")]
    public void Of_Run_NamesTheExecutionAndRequestIdOfReadsItBack(string requestId, int run, string expected)
    {
        var name = ExecutionNames.Of(requestId, run);

        name.Should().Be(expected);
        ExecutionNames.RequestIdOf(name).Should().Be(requestId);
    }

    [Theory]
    [InlineData("req--run-")]
    [InlineData("req--run-0")]
    [InlineData("req--run-x")]
    public void RequestIdOf_NoRunSuffix_IsTheNameItself(string name) => ExecutionNames.RequestIdOf(name).Should().Be(name);
}
