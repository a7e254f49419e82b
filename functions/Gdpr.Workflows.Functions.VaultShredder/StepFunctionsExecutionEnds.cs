using Gdpr.Workflows.Aws;
using Gdpr.Workflows.Aws.StepFunctions;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Functions.VaultShredder;

/// <summary>Whether an execution runs again (a redrive) or since when it is stopped, from DescribeExecution.</summary>
public sealed class StepFunctionsExecutionEnds(StepFunctionsClient client) : IExecutionEnds
{
    public async Task<DateTimeOffset?> StoppedAtAsync(string executionId, CancellationToken cancellationToken = default)
    {
        try
        {
            var execution = await client.DescribeExecutionAsync(executionId, cancellationToken);
            return execution.Status is ExecutionStatus.Running or ExecutionStatus.PendingRedrive ? null : execution.StopDate ?? DateTimeOffset.MinValue;
        }
        catch (AwsServiceException e) when (e.ErrorCode == StepFunctionsErrorCodes.ExecutionDoesNotExist)
        {
            // Step Functions forgets closed executions after 90 days: long past any redrive.
            return DateTimeOffset.MinValue;
        }
        catch (AwsServiceException e) when (e.IsTransient)
        {
            throw new TransientErasureException($"Step Functions is temporarily unavailable ({e.ErrorCode}).", e);
        }
    }
}
