using Gdpr.Workflows.Stack.Tests.Checks;
using Gdpr.Workflows.Stack.Tests.Support;
using Gdpr.Workflows.Stack.Tests.Template;

namespace Gdpr.Workflows.Stack.Tests.ChecksTests;

public class SubstitutionCheckTests
{
    private static IReadOnlyList<string> CheckFixture() =>
        SubstitutionCheck.Check(StackTemplate.Load(RepositoryPaths.Fixture("unused-substitution.template.yaml")));

    [Fact]
    public void Check_RealTemplate_DefinesAndUsesEverySubstitution()
    {
        SubstitutionCheck.Check(StackTemplate.Load(RepositoryPaths.TemplateFile)).Should().BeEmpty();
    }

    [Fact]
    public void Check_UnusedSubstitution_Fails()
    {
        CheckFixture().Should().Contain(
            "Resources.Machine.Properties.DefinitionSubstitutions.UnusedTopicArn is not used by statemachines/substitutions.asl.json");
    }

    [Fact]
    public void Check_PlaceholderWithoutSubstitution_Fails()
    {
        CheckFixture().Should().Contain(
            "statemachines/substitutions.asl.json: ${MissingFunctionArn} has no entry in Resources.Machine.Properties.DefinitionSubstitutions");
    }

    [Fact]
    public void Check_HardCodedAccountArn_Fails()
    {
        CheckFixture().Should().ContainSingle(v => v.Contains("hard-coded ARN", StringComparison.Ordinal))
            .Which.Should().Contain("arn:aws:sns:eu-west-2:123456789012:hard-coded");
    }

    [Fact]
    public void Placeholders_OptimisedIntegrationArnsAndPaths_AreNotPlaceholders()
    {
        SubstitutionCheck.Placeholders("""{"Resource": "arn:aws:states:::lambda:invoke", "a.$": "$.x", "b": "${Fn}"}""")
            .Should().BeEquivalentTo(["Fn"]);
    }
}
