namespace Gdpr.Workflows.Engine.Api.Tests.Clients;

/// <summary>
/// boto3 drives every operation; each answer was checked against botocore's service model by the script, and each
/// error code against the errors the model declares for the operation. One test per operation, so each shows in the totals.
/// </summary>
public sealed class Boto3SuiteTests(Boto3Suite suite) : IClassFixture<Boto3Suite>
{
    public static TheoryData<string> Operations => [.. StepFunctionsApi.Operations.Order(StringComparer.Ordinal), "SigV4"];

    [Theory]
    [MemberData(nameof(Operations))]
    public void Operation_DrivenByBoto3_AnswersAsTheServiceModelSays(string operation)
    {
        suite.Results.Should().NotBeEmpty($"the boto3 suite must run (python3 with boto3): {suite.Log}");
        var checks = suite.For(operation);
        checks.Should().HaveCountGreaterThanOrEqualTo(2, $"every operation has a success and an error check: {suite.Log}");
        var failed = checks.Where(c => !c["passed"]!.GetValue<bool>()).Select(c => $"{c["check"]}: {c["detail"]}").ToList();
        failed.Should().BeEmpty();
    }

    [Fact]
    public void Suite_RunsOnlyOperationsTheApiServes_NoneFailsOutsideThem()
    {
        var known = StepFunctionsApi.Operations.Append("SigV4").ToHashSet(StringComparer.Ordinal);
        suite.Results.Select(r => r["operation"]!.GetValue<string>()).Should().OnlyContain(o => known.Contains(o), suite.Log);
    }
}
