using Gdpr.Workflows.Aws.StepFunctions;
using Gdpr.Workflows.Aws.Tests.TestSupport;

namespace Gdpr.Workflows.Aws.Tests.StepFunctions;

/// <summary>The client against moto's Step Functions: real requests, real signing, moto's answers.</summary>
[Collection(MotoCollection.Name)]
public sealed class StepFunctionsClientMotoTests(MotoServer moto) : IDisposable
{
    private const string WaitDefinition = """{"StartAt":"Wait","States":{"Wait":{"Type":"Wait","Seconds":3600,"End":true}}}""";
    private readonly StepFunctionsClient _client = new(moto.Options());

    [Fact]
    public async Task StartDescribeStop_RunningExecution_EndsAborted()
    {
        var machine = await CreateMachineAsync();

        var started = await _client.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = machine, Name = "req-1", Input = """{"requestId":"req-1"}""" });
        var running = await _client.DescribeExecutionAsync(started.ExecutionArn);
        var stopped = await _client.StopExecutionAsync(new StopExecutionRequest { ExecutionArn = started.ExecutionArn, Error = "Withdrawn", Cause = "req-1" });
        var aborted = await _client.DescribeExecutionAsync(started.ExecutionArn);

        running.Status.Should().Be(ExecutionStatus.Running);
        running.Name.Should().Be("req-1");
        running.Input.Should().Be("""{"requestId":"req-1"}""");
        running.StateMachineArn.Should().Be(machine);
        aborted.Status.Should().Be(ExecutionStatus.Aborted);
        aborted.StopDate.Should().Be(stopped.StopDate);
        started.StartDate.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task StartExecutionAsync_UsedNameOtherInput_ThrowsExecutionAlreadyExists()
    {
        var machine = await CreateMachineAsync();
        await _client.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = machine, Name = "req-2", Input = """{"a":1}""" });

        var again = () => _client.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = machine, Name = "req-2", Input = """{"a":2}""" });

        (await again.Should().ThrowAsync<AwsServiceException>()).Which.ErrorCode.Should().Be(StepFunctionsErrorCodes.ExecutionAlreadyExists);
    }

    [Fact]
    public async Task StopExecutionAsync_UnknownExecution_ThrowsExecutionDoesNotExist()
    {
        var machine = await CreateMachineAsync();

        var stop = () => _client.StopExecutionAsync(new StopExecutionRequest { ExecutionArn = machine.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":nobody" });

        (await stop.Should().ThrowAsync<AwsServiceException>()).Which.ErrorCode.Should().Be(StepFunctionsErrorCodes.ExecutionDoesNotExist);
    }

    [Fact]
    public async Task EnumerateExecutionsAsync_StatusFilter_ListsOnlyMatchingExecutions()
    {
        var machine = await CreateMachineAsync();
        var kept = await _client.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = machine, Name = "kept" });
        var ended = await _client.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = machine, Name = "ended" });
        await _client.StopExecutionAsync(new StopExecutionRequest { ExecutionArn = ended.ExecutionArn });

        var all = await _client.EnumerateExecutionsAsync(new ListExecutionsRequest { StateMachineArn = machine }).ToListAsync();
        var running = await _client.EnumerateExecutionsAsync(
            new ListExecutionsRequest { StateMachineArn = machine, StatusFilter = ExecutionStatus.Running }).ToListAsync();

        all.Select(e => e.Name).Should().BeEquivalentTo("kept", "ended");
        running.Select(e => e.ExecutionArn).Should().Equal(kept.ExecutionArn);
    }

    [Fact]
    public async Task EnumerateExecutionHistoryAsync_StartedExecution_StartsWithExecutionStarted()
    {
        var machine = await CreateMachineAsync();
        var started = await _client.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = machine });

        var events = await _client.EnumerateExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = started.ExecutionArn }).ToListAsync();

        // moto answers with a canned history; what matters here is that every event reads, details included.
        events.Should().NotBeEmpty();
        events[0].Type.Should().Be("ExecutionStarted");
        events[0].Details.Should().NotBeNull();
    }

    [Fact]
    public async Task TaskCallbacks_WellFormedRequests_AreAccepted()
    {
        // moto accepts any token, so this checks only that the three requests are well-formed for the service.
        var calls = new Func<Task>[]
        {
            () => _client.SendTaskHeartbeatAsync("token-1"),
            () => _client.SendTaskSuccessAsync("token-1", """{"outcome":"erased","receipt":"r-1"}"""),
            () => _client.SendTaskFailureAsync("token-1", "Erasure.TransientError", null),
        };

        foreach (var call in calls)
        {
            await call.Should().NotThrowAsync();
        }
    }

    [Fact]
    public async Task DeleteStateMachineAsync_CreatedMachine_CannotStartAnymore()
    {
        var machine = await CreateMachineAsync();

        await _client.DeleteStateMachineAsync(machine);
        var start = () => _client.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = machine });

        (await start.Should().ThrowAsync<AwsServiceException>()).Which.ErrorCode.Should().Be(StepFunctionsErrorCodes.StateMachineDoesNotExist);
    }

    public void Dispose() => _client.Dispose();

    private async Task<string> CreateMachineAsync()
    {
        var created = await _client.CreateStateMachineAsync(new CreateStateMachineRequest
        {
            Name = "m-" + Guid.NewGuid().ToString("N"),
            Definition = WaitDefinition,
            RoleArn = "arn:aws:iam::123456789012:role/erasure",
        });
        return created.StateMachineArn;
    }
}
