using Gdpr.Workflows.Stack.Tests.Support;

namespace Gdpr.Workflows.Stack.Tests.Scripts;

/// <summary>
/// The linters are real tools (cfn-lint from Python, asl-validator from tools/node_modules). These tests prove the
/// scripts fail on broken input, so a green scripts/check-stack.sh means something. A missing tool fails them
/// with the script's message rather than skipping: CI installs both.
/// </summary>
public class CheckScriptsTests
{
    [Fact]
    public async Task CheckCfnLint_BrokenTemplate_FailsNamingTheRule()
    {
        var result = await ScriptRunner.RunAsync("scripts/check-cfn-lint.sh", RepositoryPaths.Fixture("cfn-lint-broken.template.yaml"));

        result.Output.Should().NotContain("NOT checked", "cfn-lint must be installed for this test (see scripts/check-cfn-lint.sh)");
        result.ExitCode.Should().NotBe(0, result.Output);
        result.Output.Should().Contain("E3039").And.Contain("check-cfn-lint: FAILED");
    }

    [Fact]
    public async Task CheckAsl_BrokenDefinition_FailsNamingTheMissingState()
    {
        var result = await ScriptRunner.RunAsync("scripts/check-asl.sh", RepositoryPaths.Fixture("asl-broken.asl.json"));

        result.Output.Should().NotContain("nothing was checked", "asl-validator must be installed for this test (scripts/install-test-tools.sh)");
        result.ExitCode.Should().NotBe(0, result.Output);
        result.Output.Should().Contain("MISSING_TRANSITION_TARGET").And.Contain("EraseEverywhere");
    }

    [Fact]
    public async Task CheckAsl_MissingFile_Fails()
    {
        var result = await ScriptRunner.RunAsync("scripts/check-asl.sh", "statemachines/no-such.asl.json");

        result.ExitCode.Should().NotBe(0);
        result.Output.Should().Contain("does not exist");
    }

    [Fact]
    public async Task CheckStack_RepositoryTemplateAndStateMachines_Pass()
    {
        var result = await ScriptRunner.RunAsync("scripts/check-stack.sh");

        result.ExitCode.Should().Be(0, result.Output);
        result.Output.Should().Contain("check-cfn-lint: OK").And.Contain("check-asl: OK statemachines/erasure.asl.json");
    }
}
