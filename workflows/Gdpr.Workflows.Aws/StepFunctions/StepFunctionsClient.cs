using Gdpr.Workflows.Aws.Http;

namespace Gdpr.Workflows.Aws.StepFunctions;

/// <summary>
/// The Step Functions operations this project needs, over HttpClient with SigV4 (service <c>states</c>, JSON 1.0 protocol).
/// Errors throw <see cref="AwsServiceException"/> with AWS's code (see <see cref="StepFunctionsErrorCodes"/>). No retries:
/// a Lambda caller fails and the state machine's Retry (or the API client) decides.
/// </summary>
public sealed class StepFunctionsClient : IDisposable
{
    private static readonly StepFunctionsJsonContext Json = StepFunctionsJsonContext.Default;

    private readonly AwsSignedHttpClient _http;
    private readonly AwsJsonProtocol _protocol;

    public StepFunctionsClient(AwsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = new AwsSignedHttpClient(options, signingService: "states", endpointPrefix: "states");
        _protocol = new AwsJsonProtocol(_http, "AWSStepFunctions");
    }

    /// <summary>A client configured from AWS_REGION, AWS_ENDPOINT_URL_SFN / AWS_ENDPOINT_URL and the credential chain.</summary>
    public static StepFunctionsClient FromEnvironment() => new(AwsClientOptions.FromEnvironment("SFN"));

    public Uri Endpoint => _http.Endpoint;

    public Task<StartExecutionResult> StartExecutionAsync(StartExecutionRequest request, CancellationToken cancellationToken = default) =>
        _protocol.CallAsync("StartExecution", request, Json.StartExecutionRequest, Json.StartExecutionResult, cancellationToken);

    public Task<StopExecutionResult> StopExecutionAsync(StopExecutionRequest request, CancellationToken cancellationToken = default) =>
        _protocol.CallAsync("StopExecution", request, Json.StopExecutionRequest, Json.StopExecutionResult, cancellationToken);

    public Task<ExecutionDescription> DescribeExecutionAsync(string executionArn, CancellationToken cancellationToken = default) =>
        _protocol.CallAsync(
            "DescribeExecution", new DescribeExecutionRequest(executionArn), Json.DescribeExecutionRequest, Json.ExecutionDescription, cancellationToken);

    /// <summary>One page of the history; see <see cref="EnumerateExecutionHistoryAsync"/> for all of it.</summary>
    public Task<ExecutionHistoryPage> GetExecutionHistoryAsync(GetExecutionHistoryRequest request, CancellationToken cancellationToken = default) =>
        _protocol.CallAsync("GetExecutionHistory", request, Json.GetExecutionHistoryRequest, Json.ExecutionHistoryPage, cancellationToken);

    /// <summary>Every event, following <c>nextToken</c> from <paramref name="request"/>'s page on.</summary>
    public IAsyncEnumerable<HistoryEvent> EnumerateExecutionHistoryAsync(GetExecutionHistoryRequest request, CancellationToken cancellationToken = default) =>
        AwsPaging.AllAsync(request, GetExecutionHistoryAsync, page => page.Events, (r, page) => page.NextToken is null ? null : r with { NextToken = page.NextToken }, cancellationToken);

    /// <summary>One page of executions; see <see cref="EnumerateExecutionsAsync"/> for all of them.</summary>
    public Task<ExecutionListPage> ListExecutionsAsync(ListExecutionsRequest request, CancellationToken cancellationToken = default) =>
        _protocol.CallAsync("ListExecutions", request, Json.ListExecutionsRequest, Json.ExecutionListPage, cancellationToken);

    /// <summary>Every matching execution, following <c>nextToken</c>.</summary>
    public IAsyncEnumerable<ExecutionListItem> EnumerateExecutionsAsync(ListExecutionsRequest request, CancellationToken cancellationToken = default) =>
        AwsPaging.AllAsync(request, ListExecutionsAsync, page => page.Executions, (r, page) => page.NextToken is null ? null : r with { NextToken = page.NextToken }, cancellationToken);

    /// <summary>Completes a <c>.waitForTaskToken</c> task with <paramref name="outputJson"/> as its result.</summary>
    public Task SendTaskSuccessAsync(string taskToken, string outputJson, CancellationToken cancellationToken = default) =>
        _protocol.CallAsync(
            "SendTaskSuccess", new SendTaskSuccessRequest(taskToken, outputJson), Json.SendTaskSuccessRequest, Json.EmptyResult, cancellationToken);

    /// <summary>Fails a <c>.waitForTaskToken</c> task; <paramref name="error"/> is what the state's Retry/Catch match.</summary>
    public Task SendTaskFailureAsync(string taskToken, string? error, string? cause, CancellationToken cancellationToken = default) =>
        _protocol.CallAsync(
            "SendTaskFailure", new SendTaskFailureRequest(taskToken, error, cause), Json.SendTaskFailureRequest, Json.EmptyResult, cancellationToken);

    /// <summary>Resets the task's HeartbeatSeconds clock.</summary>
    public Task SendTaskHeartbeatAsync(string taskToken, CancellationToken cancellationToken = default) =>
        _protocol.CallAsync(
            "SendTaskHeartbeat", new SendTaskHeartbeatRequest(taskToken), Json.SendTaskHeartbeatRequest, Json.EmptyResult, cancellationToken);

    /// <summary>Creates a state machine (local stacks and tests; deployed ones come from template.yaml).</summary>
    public Task<CreateStateMachineResult> CreateStateMachineAsync(CreateStateMachineRequest request, CancellationToken cancellationToken = default) =>
        _protocol.CallAsync("CreateStateMachine", request, Json.CreateStateMachineRequest, Json.CreateStateMachineResult, cancellationToken);

    public Task DeleteStateMachineAsync(string stateMachineArn, CancellationToken cancellationToken = default) =>
        _protocol.CallAsync(
            "DeleteStateMachine", new DeleteStateMachineRequest(stateMachineArn), Json.DeleteStateMachineRequest, Json.EmptyResult, cancellationToken);

    public void Dispose() => _http.Dispose();
}
