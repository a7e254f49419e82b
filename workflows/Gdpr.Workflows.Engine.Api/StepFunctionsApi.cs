using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Engine.Language;

namespace Gdpr.Workflows.Engine.Api;

/// <summary>
/// The AWS Step Functions API (the operations of the AWS JSON 1.0 protocol's <c>AWSStepFunctions</c> target) on a
/// <see cref="LocalStepFunctions"/> engine: each operation takes the request's JSON body and answers AWS's response
/// shape, or throws <see cref="ApiErrorException"/> with AWS's error code.
/// </summary>
public sealed partial class StepFunctionsApi(LocalStepFunctions engine, ApiResources resources)
{
    private const int MaxDefinitionLength = 1_048_576;

    public LocalStepFunctions Engine { get; } = engine;

    /// <summary>The operations served, by their X-Amz-Target name.</summary>
    public static IReadOnlyCollection<string> Operations => Handlers.Keys;

    private static readonly Dictionary<string, Func<StepFunctionsApi, ApiRequest, CancellationToken, Task<JsonObject>>> Handlers = new(StringComparer.Ordinal)
    {
        ["CreateStateMachine"] = (api, r, _) => Task.FromResult(api.CreateStateMachine(r)),
        ["DescribeStateMachine"] = (api, r, _) => Task.FromResult(api.DescribeStateMachine(r)),
        ["ListStateMachines"] = (api, r, _) => Task.FromResult(api.ListStateMachines(r)),
        ["UpdateStateMachine"] = (api, r, _) => Task.FromResult(api.UpdateStateMachine(r)),
        ["DeleteStateMachine"] = (api, r, _) => Task.FromResult(api.DeleteStateMachine(r)),
        ["ValidateStateMachineDefinition"] = (_, r, _) => Task.FromResult(ValidateStateMachineDefinition(r)),
        ["DescribeStateMachineForExecution"] = (api, r, ct) => api.DescribeStateMachineForExecutionAsync(r, ct),
        ["StartExecution"] = (api, r, ct) => api.StartExecutionAsync(r, ct),
        ["StartSyncExecution"] = (api, r, ct) => api.StartSyncExecutionAsync(r, ct),
        ["DescribeExecution"] = (api, r, ct) => api.DescribeExecutionAsync(r, ct),
        ["ListExecutions"] = (api, r, ct) => api.ListExecutionsAsync(r, ct),
        ["GetExecutionHistory"] = (api, r, ct) => api.GetExecutionHistoryAsync(r, ct),
        ["StopExecution"] = (api, r, ct) => api.StopExecutionAsync(r, ct),
        ["RedriveExecution"] = (api, r, ct) => api.RedriveExecutionAsync(r, ct),
        ["SendTaskSuccess"] = (api, r, ct) => api.SendTaskSuccessAsync(r, ct),
        ["SendTaskFailure"] = (api, r, ct) => api.SendTaskFailureAsync(r, ct),
        ["SendTaskHeartbeat"] = (api, r, ct) => api.SendTaskHeartbeatAsync(r, ct),
        ["TestState"] = (api, r, ct) => api.TestStateAsync(r, ct),
        ["TagResource"] = (api, r, _) => Task.FromResult(api.TagResource(r)),
        ["UntagResource"] = (api, r, _) => Task.FromResult(api.UntagResource(r)),
        ["ListTagsForResource"] = (api, r, _) => Task.FromResult(api.ListTagsForResource(r)),
    };

    /// <summary>Runs one operation; engine refusals come back as the API's errors with the same codes.</summary>
    public async Task<JsonObject> InvokeAsync(ApiRequest request, CancellationToken ct = default)
    {
        if (!Handlers.TryGetValue(request.Operation, out var handler))
        {
            throw new ApiErrorException("UnknownOperationException", $"Unknown operation: {request.Operation}");
        }

        try
        {
            return await handler(this, request, ct);
        }
        catch (StepFunctionsApiException refused)
        {
            throw ApiJson.From(refused);
        }
        catch (AslDefinitionException invalid)
        {
            throw new ApiErrorException(AslDefinitionException.ErrorCode, $"Invalid State Machine Definition: '{invalid.Message}'");
        }
    }

    private string Region => Engine.Options.Region;

    private static void CheckArn(string arn, string resourceType)
    {
        var parts = arn.Split(':');
        if (parts.Length < 7 || parts[0] != "arn" || parts[2] != "states" || parts[5] != resourceType)
        {
            throw ApiErrorException.InvalidArn(arn);
        }
    }

    private static void CheckExecutionArn(string arn)
    {
        var parts = arn.Split(':');
        if (parts.Length < 8 || parts[0] != "arn" || parts[2] != "states" || parts[5] is not ("execution" or "express"))
        {
            throw ApiErrorException.InvalidArn(arn);
        }
    }
}
