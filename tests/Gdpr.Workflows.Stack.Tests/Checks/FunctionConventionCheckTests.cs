using Gdpr.Workflows.Stack.Tests.Checks;
using Gdpr.Workflows.Stack.Tests.Support;
using Gdpr.Workflows.Stack.Tests.Template;

namespace Gdpr.Workflows.Stack.Tests.ChecksTests;

public class FunctionConventionCheckTests
{
    [Fact]
    public void Check_RealTemplate_FollowsTheFunctionsConvention()
    {
        var template = StackTemplate.Load(RepositoryPaths.TemplateFile);

        template.OfType("AWS::Serverless::Function").Should().NotBeEmpty();
        FunctionConventionCheck.Check(template).Should().BeEmpty();
    }

    [Fact]
    public void Check_BrokenFixture_ReportsFolderIdBuildMethodAndHandler()
    {
        var violations = FunctionConventionCheck.Check(StackTemplate.Load(RepositoryPaths.Fixture("function-convention-broken.template.yaml")));

        violations.Should().BeEquivalentTo(
            "Resources.LedgerFunction.Properties.CodeUri: 'src/Ledger/' should be 'functions/Gdpr.Workflows.Functions.Ledger/'",
            "Resources.Shredder: a function's logical id must be <Name>Function in PascalCase",
            "Resources.StatusFunction.Properties.Handler: 'Gdpr.Workflows.Functions.Status::Handler' should be 'bootstrap' (here or in Globals)",
            "Resources.StatusFunction.Metadata.BuildMethod: '' should be 'makefile'");
    }

    [Fact]
    public void ExpectedCodeUri_Name_IsTheProjectFolder()
    {
        FunctionConventionCheck.ExpectedCodeUri("VaultShredder").Should().Be("functions/Gdpr.Workflows.Functions.VaultShredder/");
    }
}
