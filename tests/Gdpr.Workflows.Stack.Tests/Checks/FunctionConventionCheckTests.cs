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

    /// <summary>What `sam build`'s makefile workflow runs: `make build-&lt;LogicalId&gt;` in CodeUri, leaving `bootstrap` in $(ARTIFACTS_DIR).</summary>
    [Fact]
    public void Makefiles_RealTemplate_HaveTheTargetSamBuildRuns()
    {
        var template = StackTemplate.Load(RepositoryPaths.TemplateFile);

        foreach (var function in template.OfType("AWS::Serverless::Function"))
        {
            var codeUri = StackTemplate.Text(template.PropertyWithGlobals(function, "Function", "CodeUri"));
            var makefile = Path.Combine(RepositoryPaths.Root, codeUri ?? string.Empty, "Makefile");
            File.Exists(makefile).Should().BeTrue($"{function.LogicalId} is built by {makefile}");
            var lines = File.ReadAllLines(makefile);
            lines.Should().Contain(line => line.StartsWith($"build-{function.LogicalId}:", StringComparison.Ordinal), $"sam build runs make build-{function.LogicalId}");
            lines.Should().Contain(line => line.Contains("$(ARTIFACTS_DIR)/bootstrap", StringComparison.Ordinal), "provided.al2023 runs bootstrap from the artifacts folder");
        }
    }

    [Fact]
    public void ExpectedCodeUri_Name_IsTheProjectFolder()
    {
        FunctionConventionCheck.ExpectedCodeUri("VaultShredder").Should().Be("functions/Gdpr.Workflows.Functions.VaultShredder/");
    }
}
