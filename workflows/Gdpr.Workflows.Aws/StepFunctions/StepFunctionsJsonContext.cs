using System.Text.Json.Serialization;

namespace Gdpr.Workflows.Aws.StepFunctions;

// Source-generated so the client stays trim and Native AOT clean. Unknown response members are skipped.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StartExecutionRequest))]
[JsonSerializable(typeof(StartExecutionResult))]
[JsonSerializable(typeof(StopExecutionRequest))]
[JsonSerializable(typeof(StopExecutionResult))]
[JsonSerializable(typeof(DescribeExecutionRequest))]
[JsonSerializable(typeof(ExecutionDescription))]
[JsonSerializable(typeof(GetExecutionHistoryRequest))]
[JsonSerializable(typeof(ExecutionHistoryPage))]
[JsonSerializable(typeof(ListExecutionsRequest))]
[JsonSerializable(typeof(ExecutionListPage))]
[JsonSerializable(typeof(SendTaskSuccessRequest))]
[JsonSerializable(typeof(SendTaskFailureRequest))]
[JsonSerializable(typeof(SendTaskHeartbeatRequest))]
[JsonSerializable(typeof(CreateStateMachineRequest))]
[JsonSerializable(typeof(CreateStateMachineResult))]
[JsonSerializable(typeof(DeleteStateMachineRequest))]
[JsonSerializable(typeof(EmptyResult))]
internal sealed partial class StepFunctionsJsonContext : JsonSerializerContext;
