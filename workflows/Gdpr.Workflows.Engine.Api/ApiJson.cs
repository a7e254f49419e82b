using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Execution;

namespace Gdpr.Workflows.Engine.Api;

/// <summary>Values in the AWS JSON 1.0 protocol's encoding.</summary>
internal static class ApiJson
{
    /// <summary>Timestamps are epoch seconds, with milliseconds as the fraction.</summary>
    public static JsonNode Timestamp(DateTimeOffset time) => JsonValue.Create(time.ToUnixTimeMilliseconds() / 1000.0);

    public static string Status(ExecutionStatus status) => status switch
    {
        ExecutionStatus.Running => "RUNNING",
        ExecutionStatus.Succeeded => "SUCCEEDED",
        ExecutionStatus.Failed => "FAILED",
        ExecutionStatus.TimedOut => "TIMED_OUT",
        _ => "ABORTED",
    };

    public static string Type(StateMachineType type) => type == StateMachineType.Express ? "EXPRESS" : "STANDARD";

    /// <summary>The engine's refusal as the API's: the same code, the message without the code in front.</summary>
    public static ApiErrorException From(StepFunctionsApiException refused)
    {
        var prefix = refused.Code + ": ";
        var message = refused.Message.StartsWith(prefix, StringComparison.Ordinal) ? refused.Message[prefix.Length..] : refused.Message;
        return new ApiErrorException(refused.Code, message);
    }

    /// <summary>CloudWatchEventsExecutionDataDetails: whether the data is in the answer.</summary>
    public static JsonObject Included(bool included) => new() { ["included"] = included };
}
