using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Execution;

/// <summary>History events in AWS's shapes (type name, details property name, details fields).</summary>
internal static class Events
{
    public static PendingEvent StateEntered(string type, string name, JsonNode? input) =>
        new($"{type}StateEntered", "stateEnteredEventDetails", new JsonObject
        {
            ["name"] = name,
            ["input"] = Json.Text(input),
            ["inputDetails"] = new JsonObject { ["truncated"] = false },
        });

    public static PendingEvent StateExited(string type, string name, JsonNode? output) =>
        new($"{type}StateExited", "stateExitedEventDetails", new JsonObject
        {
            ["name"] = name,
            ["output"] = Json.Text(output),
            ["outputDetails"] = new JsonObject { ["truncated"] = false },
        });

    public static PendingEvent Plain(string type) => new(type);

    public static PendingEvent TaskScheduled(TaskResource resource, string region, JsonNode? parameters, int? timeout, int? heartbeat)
    {
        if (resource.IsLambdaArn)
        {
            var lambda = new JsonObject { ["resource"] = resource.Arn, ["input"] = Json.Text(parameters), ["inputDetails"] = new JsonObject { ["truncated"] = false } };
            if (timeout is not null)
            {
                lambda["timeoutInSeconds"] = timeout;
            }

            return new("LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", lambda);
        }

        var details = new JsonObject
        {
            ["resourceType"] = resource.ResourceType,
            ["resource"] = resource.ResourceName,
            ["region"] = region,
            ["parameters"] = Json.Text(parameters),
        };
        if (timeout is not null)
        {
            details["timeoutInSeconds"] = timeout;
        }

        if (heartbeat is not null)
        {
            details["heartbeatInSeconds"] = heartbeat;
        }

        return new("TaskScheduled", "taskScheduledEventDetails", details);
    }

    public static PendingEvent TaskStarted(TaskResource resource) => resource.IsLambdaArn
        ? new("LambdaFunctionStarted")
        : new("TaskStarted", "taskStartedEventDetails", new JsonObject { ["resourceType"] = resource.ResourceType, ["resource"] = resource.ResourceName });

    public static PendingEvent TaskSubmitted(TaskResource resource, JsonNode? output) =>
        new("TaskSubmitted", "taskSubmittedEventDetails", new JsonObject
        {
            ["resourceType"] = resource.ResourceType,
            ["resource"] = resource.ResourceName,
            ["output"] = Json.Text(output),
            ["outputDetails"] = new JsonObject { ["truncated"] = false },
        });

    public static PendingEvent TaskSucceeded(TaskResource resource, JsonNode? output) => resource.IsLambdaArn
        ? new("LambdaFunctionSucceeded", "lambdaFunctionSucceededEventDetails", new JsonObject { ["output"] = Json.Text(output), ["outputDetails"] = new JsonObject { ["truncated"] = false } })
        : new("TaskSucceeded", "taskSucceededEventDetails", new JsonObject
        {
            ["resourceType"] = resource.ResourceType,
            ["resource"] = resource.ResourceName,
            ["output"] = Json.Text(output),
            ["outputDetails"] = new JsonObject { ["truncated"] = false },
        });

    public static PendingEvent TaskFailed(TaskResource resource, StateFailure failure)
    {
        var timedOut = failure.Error is Data.ErrorNames.Timeout or Data.ErrorNames.HeartbeatTimeout;
        if (resource.IsLambdaArn)
        {
            return new(timedOut ? "LambdaFunctionTimedOut" : "LambdaFunctionFailed", timedOut ? "lambdaFunctionTimedOutEventDetails" : "lambdaFunctionFailedEventDetails", ErrorDetails(failure));
        }

        var details = ErrorDetails(failure);
        details["resourceType"] = resource.ResourceType;
        details["resource"] = resource.ResourceName;
        return new(timedOut ? "TaskTimedOut" : "TaskFailed", timedOut ? "taskTimedOutEventDetails" : "taskFailedEventDetails", details);
    }

    public static PendingEvent ExecutionFailed(string error, string? cause) =>
        new("ExecutionFailed", "executionFailedEventDetails", ErrorDetails(error, cause));

    public static PendingEvent MapStarted(int length) =>
        new("MapStateStarted", "mapStateStartedEventDetails", new JsonObject { ["length"] = length });

    public static PendingEvent MapIteration(string type, string name, int index) =>
        new($"MapIteration{type}", $"mapIteration{type}EventDetails", new JsonObject { ["name"] = name, ["index"] = index });

    public static JsonObject ErrorDetails(StateFailure failure) => ErrorDetails(failure.Error, failure.Cause);

    public static JsonObject ErrorDetails(string? error, string? cause)
    {
        var details = new JsonObject();
        if (error is not null)
        {
            details["error"] = error;
        }

        if (cause is not null)
        {
            details["cause"] = cause;
        }

        return details;
    }
}
