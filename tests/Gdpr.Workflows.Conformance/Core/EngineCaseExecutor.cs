using Gdpr.Workflows.Engine;
using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Engine.Integrations.Lambda;
using Gdpr.Workflows.Engine.Language;

namespace Gdpr.Workflows.Conformance.Core;

/// <summary>
/// Runs a case on a fresh <see cref="LocalStepFunctions"/>: virtual time that skips every wait, the corpus'
/// region and account, and the case's Lambda fixtures bound to their C# equivalents.
/// </summary>
internal sealed class EngineCaseExecutor : ICaseExecutor
{
    public const string Region = "us-east-1";

    /// <summary>The account id the corpus' definitions already use, so ARNs in them point at this engine.</summary>
    public const string AccountId = RecorderNormalizer.RecordedAccountId;

    /// <summary>A fixed start, so runs are reproducible.</summary>
    public static readonly DateTimeOffset VirtualStart = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public async Task<CaseOutcome> ExecuteAsync(ConformanceCase testCase, CancellationToken cancellationToken)
    {
        using var time = new AutoAdvancingTimeProvider(VirtualStart);
        var functions = new LambdaFunctionRegistry(Region, AccountId);
        foreach (var fixture in testCase.Fixtures)
        {
            functions.Register(fixture.FunctionName, LambdaFixtures.For(fixture.HandlerFile, time));
        }

        var options = new LocalEngineOptions { TimeProvider = time, Region = Region, AccountId = AccountId, Random = new Random(7) };
        options.Integrations.Add(new LambdaIntegration(functions, time));
        var engine = new LocalStepFunctions(options);
        try
        {
            return await RunAsync(engine, testCase, cancellationToken);
        }
        finally
        {
            await DisposeAsync(engine);
        }
    }

    private static async Task<CaseOutcome> RunAsync(LocalStepFunctions engine, ConformanceCase testCase, CancellationToken cancellationToken)
    {
        string stateMachineArn;
        try
        {
            var type = testCase.StateMachineType == "EXPRESS" ? StateMachineType.Express : StateMachineType.Standard;
            stateMachineArn = engine.CreateStateMachine("ConformanceCase", testCase.DefinitionJson, type);
        }
        catch (AslDefinitionException e)
        {
            return CaseOutcome.DefinitionRejected(e.Message);
        }

        if (testCase.IsDefinitionRejection)
        {
            return CaseOutcome.DefinitionAccepted();
        }

        var executionArn = await engine.StartExecutionAsync(stateMachineArn, testCase.InputJson, name: null, cancellationToken);
        ExecutionDescription description;
        try
        {
            description = await engine.WaitForCompletionAsync(executionArn, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await StopQuietlyAsync(engine, executionArn);
            throw;
        }

        var history = await engine.GetExecutionHistoryAsync(executionArn, cancellationToken);
        return new CaseOutcome(
            StatusName(description.Status),
            description.Output,
            description.Error,
            description.Cause,
            [.. history.Select(e => e.Type)]);
    }

    /// <summary>Stops an execution that ran out of wall time; the timeout, not a failure to stop, is what gets reported.</summary>
    private static async Task StopQuietlyAsync(LocalStepFunctions engine, string executionArn)
    {
        try
        {
            await engine.StopExecutionAsync(executionArn, "Conformance.Timeout", "The case ran out of wall time.");
        }
#pragma warning disable CA1031 // Best effort: the engine is discarded right after.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    public static string StatusName(ExecutionStatus status) => status switch
    {
        ExecutionStatus.Running => "RUNNING",
        ExecutionStatus.Succeeded => "SUCCEEDED",
        ExecutionStatus.Failed => "FAILED",
        ExecutionStatus.TimedOut => "TIMED_OUT",
        ExecutionStatus.Aborted => "ABORTED",
        _ => status.ToString().ToUpperInvariant(),
    };

    /// <summary>The engine's facade may or may not own resources; release them if it does.</summary>
    private static async ValueTask DisposeAsync(object engine)
    {
        switch (engine)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
