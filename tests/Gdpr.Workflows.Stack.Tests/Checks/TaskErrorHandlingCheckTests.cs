using Gdpr.Workflows.Stack.Tests.Checks;
using Gdpr.Workflows.Stack.Tests.Support;

namespace Gdpr.Workflows.Stack.Tests.ChecksTests;

public class TaskErrorHandlingCheckTests
{
    [Fact]
    public void CheckFile_EveryStateMachineInTheRepository_HasRetryOrCatchOnEveryTask()
    {
        var files = Directory.GetFiles(RepositoryPaths.StateMachinesDirectory, "*.asl.json");

        files.Should().NotBeEmpty();
        files.SelectMany(TaskErrorHandlingCheck.CheckFile).Should().BeEmpty();
    }

    [Fact]
    public void CheckFile_TasksWithoutRetryOrCatchInMapAndParallel_FailsNamingEach()
    {
        var violations = TaskErrorHandlingCheck.CheckFile(RepositoryPaths.Fixture("task-without-retry-or-catch.asl.json"));

        violations.Should().BeEquivalentTo(
            "task-without-retry-or-catch.asl.json: Task state States.EachSystem.ItemProcessor.States.EraseUnguarded has neither Retry nor Catch",
            "task-without-retry-or-catch.asl.json: Task state States.BothWays.Branches[1].States.NotifyUnguarded has neither Retry nor Catch");
    }

    [Fact]
    public void Check_EmptyRetryAndCatchArrays_CountAsMissing()
    {
        const string definition = """
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Retry": [], "Catch": [], "End": true}}}
            """;

        TaskErrorHandlingCheck.Check(definition, "inline").Should().ContainSingle().Which.Should().Contain("States.T");
    }
}
