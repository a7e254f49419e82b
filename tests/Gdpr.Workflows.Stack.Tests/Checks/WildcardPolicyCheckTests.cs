using Gdpr.Workflows.Stack.Tests.Checks;
using Gdpr.Workflows.Stack.Tests.Support;
using Gdpr.Workflows.Stack.Tests.Template;

namespace Gdpr.Workflows.Stack.Tests.ChecksTests;

public class WildcardPolicyCheckTests
{
    private static IReadOnlyList<string> CheckFixture() =>
        WildcardPolicyCheck.Check(StackTemplate.Load(RepositoryPaths.Fixture("wildcard-resource.template.yaml")));

    [Fact]
    public void Check_RealTemplate_HasOnlyAllowListedWildcards()
    {
        WildcardPolicyCheck.Check(StackTemplate.Load(RepositoryPaths.TemplateFile)).Should().BeEmpty();
    }

    [Fact]
    public void Check_ResourceStarWithoutAllowListEntry_Fails()
    {
        CheckFixture().Should().ContainSingle(v => v.Contains("ReadEveryBucket", StringComparison.Ordinal))
            .Which.Should().StartWith("Resources.GreedyFunction.Properties.Policies[0].Statement[0]: Resource '*'");
    }

    [Fact]
    public void Check_ActionStarInAnIamRole_Fails()
    {
        CheckFixture().Should().ContainSingle(v => v.StartsWith("Resources.AdminRole.", StringComparison.Ordinal))
            .Which.Should().Contain("Action '*'");
    }

    [Fact]
    public void Check_PolicyTemplatesAndManagedPoliciesHidingWildcards_Fail()
    {
        var violations = CheckFixture();

        violations.Should().Contain(v => v.Contains("SSMParameterReadPolicy grants on Resource '*'", StringComparison.Ordinal));
        violations.Should().Contain(v => v.Contains("unknown SAM policy template MysteryPolicy", StringComparison.Ordinal));
        violations.Should().Contain(v => v.Contains("managed policy AmazonS3ReadOnlyAccess", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_StaleAllowListEntry_Fails()
    {
        CheckFixture().Should().Contain("Metadata.WildcardAllowList: the entry for GoneFunction/Whatever matches no wildcard grant; remove it");
    }

    [Fact]
    public void Check_AllowListedWildcard_IsNotReported()
    {
        CheckFixture().Should().HaveCount(6).And.NotContain(v => v.Contains("AllowedFunction", StringComparison.Ordinal));
    }
}
