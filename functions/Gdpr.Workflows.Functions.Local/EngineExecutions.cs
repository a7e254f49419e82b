using Gdpr.Workflows.Engine;
using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Functions.Local;

/// <summary>An execution on the local engine as <see cref="IWorkflowExecutions"/> reports it (DescribeExecution's answer, as on AWS).</summary>
public static class EngineExecutions
{
    public static async Task<WorkflowRun> DescribeAsync(LocalStepFunctions engine, string executionArn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        try
        {
            var execution = await engine.DescribeExecutionAsync(executionArn, cancellationToken);
            return execution.Status == ExecutionStatus.Running
                ? new WorkflowRun(WorkflowRunState.Running)
                : new WorkflowRun(WorkflowRunState.Ended, execution.Status.ToString(), execution.Error);
        }
        catch (StepFunctionsApiException e) when (e.IsNotFound)
        {
            return new WorkflowRun(WorkflowRunState.NotFound);
        }
    }
}
