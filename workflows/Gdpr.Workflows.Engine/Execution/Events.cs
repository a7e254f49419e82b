using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Execution;

/// <summary>
/// History events in AWS's shapes (type name, details property name, details fields). Details are kept as one small
/// <see cref="EventDetails"/> object per event and rendered to text only when the history is read or stored: most
/// histories are never read, and each retained object costs every later garbage collection.
/// </summary>
internal static class Events
{
    public static PendingEvent StateEntered(string type, string name, JsonNode? input) =>
        new(TypeName(type, "StateEntered"), "stateEnteredEventDetails", new PayloadDetails(name, "input", input));

    public static PendingEvent StateExited(string type, string name, JsonNode? output) =>
        new(TypeName(type, "StateExited"), "stateExitedEventDetails", new PayloadDetails(name, "output", output));

    public static PendingEvent Plain(string type) => new(type);

    public static PendingEvent TaskScheduled(TaskResource resource, string region, JsonNode? parameters, int? timeout, int? heartbeat) =>
        resource.IsLambdaArn
            ? new("LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", new TaskDetails(TaskDetailsKind.LambdaScheduled, resource, parameters, region: null, timeout, heartbeat: null))
            : new("TaskScheduled", "taskScheduledEventDetails", new TaskDetails(TaskDetailsKind.Scheduled, resource, parameters, region, timeout, heartbeat));

    public static PendingEvent TaskStarted(TaskResource resource) => resource.IsLambdaArn
        ? new("LambdaFunctionStarted")
        : new("TaskStarted", "taskStartedEventDetails", new TaskDetails(TaskDetailsKind.Started, resource, null, null, null, null));

    public static PendingEvent TaskSubmitted(TaskResource resource, JsonNode? output) =>
        new("TaskSubmitted", "taskSubmittedEventDetails", new TaskDetails(TaskDetailsKind.Output, resource, output, null, null, null));

    public static PendingEvent TaskSucceeded(TaskResource resource, JsonNode? output) => resource.IsLambdaArn
        ? new("LambdaFunctionSucceeded", "lambdaFunctionSucceededEventDetails", new PayloadDetails(name: null, "output", output))
        : new("TaskSucceeded", "taskSucceededEventDetails", new TaskDetails(TaskDetailsKind.Output, resource, output, null, null, null));

    public static PendingEvent TaskFailed(TaskResource resource, StateFailure failure)
    {
        var timedOut = failure.Error is Data.ErrorNames.Timeout or Data.ErrorNames.HeartbeatTimeout;
        if (resource.IsLambdaArn)
        {
            return new(
                timedOut ? "LambdaFunctionTimedOut" : "LambdaFunctionFailed",
                timedOut ? "lambdaFunctionTimedOutEventDetails" : "lambdaFunctionFailedEventDetails",
                new ErrorDetails(failure.Error, failure.Cause, resource: null));
        }

        return new(
            timedOut ? "TaskTimedOut" : "TaskFailed",
            timedOut ? "taskTimedOutEventDetails" : "taskFailedEventDetails",
            new ErrorDetails(failure.Error, failure.Cause, resource));
    }

    public static PendingEvent MapStarted(int length) =>
        new("MapStateStarted", "mapStateStartedEventDetails", new MapDetails(name: null, length));

    public static PendingEvent MapIteration(string type, string name, int index) => type switch
    {
        "Started" => new("MapIterationStarted", "mapIterationStartedEventDetails", new MapDetails(name, index)),
        "Succeeded" => new("MapIterationSucceeded", "mapIterationSucceededEventDetails", new MapDetails(name, index)),
        "Failed" => new("MapIterationFailed", "mapIterationFailedEventDetails", new MapDetails(name, index)),
        _ => new($"MapIteration{type}", $"mapIteration{type}EventDetails", new MapDetails(name, index)),
    };

    public static EventDetails ErrorDetailsOf(string? error, string? cause) => new ErrorDetails(error, cause, resource: null);

    /// <summary>Details written by <paramref name="write"/>: for the rare events without a details class of their own.</summary>
    public static EventDetails Details(Action<Utf8JsonWriter> write) => new WrittenDetails(write);

    /// <summary>Renders one details object as compact JSON text now.</summary>
    public static string Render(Action<Utf8JsonWriter> write) => new WrittenDetails(write).Render();

    /// <summary>"Pass" + "StateEntered" without a new string per event for the state types that exist.</summary>
    private static string TypeName(string type, string suffix) => (type, suffix) switch
    {
        ("Pass", "StateEntered") => "PassStateEntered",
        ("Pass", "StateExited") => "PassStateExited",
        ("Choice", "StateEntered") => "ChoiceStateEntered",
        ("Choice", "StateExited") => "ChoiceStateExited",
        ("Task", "StateEntered") => "TaskStateEntered",
        ("Task", "StateExited") => "TaskStateExited",
        ("Map", "StateEntered") => "MapStateEntered",
        ("Map", "StateExited") => "MapStateExited",
        ("Parallel", "StateEntered") => "ParallelStateEntered",
        ("Parallel", "StateExited") => "ParallelStateExited",
        ("Succeed", "StateEntered") => "SucceedStateEntered",
        ("Succeed", "StateExited") => "SucceedStateExited",
        ("Fail", "StateEntered") => "FailStateEntered",
        ("Wait", "StateEntered") => "WaitStateEntered",
        ("Wait", "StateExited") => "WaitStateExited",
        _ => type + suffix,
    };

    private static void WriteError(Utf8JsonWriter w, string? error, string? cause)
    {
        if (error is not null)
        {
            w.WriteString("error", error);
        }

        if (cause is not null)
        {
            w.WriteString("cause", cause);
        }
    }

    private static void WriteResource(Utf8JsonWriter w, TaskResource resource)
    {
        w.WriteString("resourceType", resource.ResourceType);
        w.WriteString("resource", resource.ResourceName);
    }

    private static void Untruncated(Utf8JsonWriter w, string name)
    {
        w.WriteStartObject(name);
        w.WriteBoolean("truncated", false);
        w.WriteEndObject();
    }

    /// <summary>name? + input/output text + its "truncated: false" details: state entered/exited, Lambda output.</summary>
    private sealed class PayloadDetails(string? name, string field, JsonNode? payload) : EventDetails
    {
        protected override void Write(Utf8JsonWriter w)
        {
            if (name is not null)
            {
                w.WriteString("name", name);
            }

            w.WriteString(field, Json.Text(payload));
            Untruncated(w, field + "Details");
        }
    }

    private enum TaskDetailsKind
    {
        LambdaScheduled,
        Scheduled,
        Started,
        Output,
    }

    private sealed class TaskDetails(TaskDetailsKind kind, TaskResource resource, JsonNode? payload, string? region, int? timeout, int? heartbeat) : EventDetails
    {
        protected override void Write(Utf8JsonWriter w)
        {
            switch (kind)
            {
                case TaskDetailsKind.LambdaScheduled:
                    w.WriteString("resource", resource.Arn);
                    w.WriteString("input", Json.Text(payload));
                    Untruncated(w, "inputDetails");
                    if (timeout is not null)
                    {
                        w.WriteNumber("timeoutInSeconds", timeout.Value);
                    }

                    break;
                case TaskDetailsKind.Scheduled:
                    WriteResource(w, resource);
                    w.WriteString("region", region);
                    w.WriteString("parameters", Json.Text(payload));
                    if (timeout is not null)
                    {
                        w.WriteNumber("timeoutInSeconds", timeout.Value);
                    }

                    if (heartbeat is not null)
                    {
                        w.WriteNumber("heartbeatInSeconds", heartbeat.Value);
                    }

                    break;
                case TaskDetailsKind.Started:
                    WriteResource(w, resource);
                    break;
                default:
                    WriteResource(w, resource);
                    w.WriteString("output", Json.Text(payload));
                    Untruncated(w, "outputDetails");
                    break;
            }
        }
    }

    private sealed class ErrorDetails(string? error, string? cause, TaskResource? resource) : EventDetails
    {
        protected override void Write(Utf8JsonWriter w)
        {
            WriteError(w, error, cause);
            if (resource is not null)
            {
                WriteResource(w, resource);
            }
        }
    }

    /// <summary>MapStateStarted (length) and MapIteration* (name, index).</summary>
    private sealed class MapDetails(string? name, int number) : EventDetails
    {
        protected override void Write(Utf8JsonWriter w)
        {
            if (name is null)
            {
                w.WriteNumber("length", number);
                return;
            }

            w.WriteString("name", name);
            w.WriteNumber("index", number);
        }
    }

    private sealed class WrittenDetails(Action<Utf8JsonWriter> write) : EventDetails
    {
        protected override void Write(Utf8JsonWriter w) => write(w);
    }
}

/// <summary>One history event's details, rendered to compact JSON text on demand.</summary>
internal abstract class EventDetails
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? buffer;

    public string Render()
    {
        var target = buffer ??= new ArrayBufferWriter<byte>(1024);
        target.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(target, Json.WriterOptions))
        {
            writer.WriteStartObject();
            Write(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(target.WrittenSpan);
    }

    protected abstract void Write(Utf8JsonWriter w);
}
