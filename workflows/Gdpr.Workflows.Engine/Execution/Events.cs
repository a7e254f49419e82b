using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Execution;

/// <summary>History events in AWS's shapes (type name, details property name, details fields), rendered to text once.</summary>
internal static class Events
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? buffer;

    public static PendingEvent StateEntered(string type, string name, JsonNode? input) =>
        new($"{type}StateEntered", "stateEnteredEventDetails", Details(w =>
        {
            w.WriteString("name", name);
            w.WriteString("input", Json.Text(input));
            Untruncated(w, "inputDetails");
        }));

    public static PendingEvent StateExited(string type, string name, JsonNode? output) =>
        new($"{type}StateExited", "stateExitedEventDetails", Details(w =>
        {
            w.WriteString("name", name);
            w.WriteString("output", Json.Text(output));
            Untruncated(w, "outputDetails");
        }));

    public static PendingEvent Plain(string type) => new(type);

    public static PendingEvent TaskScheduled(TaskResource resource, string region, JsonNode? parameters, int? timeout, int? heartbeat)
    {
        if (resource.IsLambdaArn)
        {
            return new("LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", Details(w =>
            {
                w.WriteString("resource", resource.Arn);
                w.WriteString("input", Json.Text(parameters));
                Untruncated(w, "inputDetails");
                if (timeout is not null)
                {
                    w.WriteNumber("timeoutInSeconds", timeout.Value);
                }
            }));
        }

        return new("TaskScheduled", "taskScheduledEventDetails", Details(w =>
        {
            Resource(w, resource);
            w.WriteString("region", region);
            w.WriteString("parameters", Json.Text(parameters));
            if (timeout is not null)
            {
                w.WriteNumber("timeoutInSeconds", timeout.Value);
            }

            if (heartbeat is not null)
            {
                w.WriteNumber("heartbeatInSeconds", heartbeat.Value);
            }
        }));
    }

    public static PendingEvent TaskStarted(TaskResource resource) => resource.IsLambdaArn
        ? new("LambdaFunctionStarted")
        : new("TaskStarted", "taskStartedEventDetails", Details(w => Resource(w, resource)));

    public static PendingEvent TaskSubmitted(TaskResource resource, JsonNode? output) =>
        new("TaskSubmitted", "taskSubmittedEventDetails", Details(w =>
        {
            Resource(w, resource);
            w.WriteString("output", Json.Text(output));
            Untruncated(w, "outputDetails");
        }));

    public static PendingEvent TaskSucceeded(TaskResource resource, JsonNode? output) => resource.IsLambdaArn
        ? new("LambdaFunctionSucceeded", "lambdaFunctionSucceededEventDetails", Details(w =>
        {
            w.WriteString("output", Json.Text(output));
            Untruncated(w, "outputDetails");
        }))
        : new("TaskSucceeded", "taskSucceededEventDetails", Details(w =>
        {
            Resource(w, resource);
            w.WriteString("output", Json.Text(output));
            Untruncated(w, "outputDetails");
        }));

    public static PendingEvent TaskFailed(TaskResource resource, StateFailure failure)
    {
        var timedOut = failure.Error is Data.ErrorNames.Timeout or Data.ErrorNames.HeartbeatTimeout;
        if (resource.IsLambdaArn)
        {
            return new(
                timedOut ? "LambdaFunctionTimedOut" : "LambdaFunctionFailed",
                timedOut ? "lambdaFunctionTimedOutEventDetails" : "lambdaFunctionFailedEventDetails",
                ErrorDetails(failure.Error, failure.Cause));
        }

        return new(
            timedOut ? "TaskTimedOut" : "TaskFailed",
            timedOut ? "taskTimedOutEventDetails" : "taskFailedEventDetails",
            Details(w =>
            {
                WriteError(w, failure.Error, failure.Cause);
                Resource(w, resource);
            }));
    }

    public static PendingEvent MapStarted(int length) =>
        new("MapStateStarted", "mapStateStartedEventDetails", Details(w => w.WriteNumber("length", length)));

    public static PendingEvent MapIteration(string type, string name, int index) =>
        new($"MapIteration{type}", $"mapIteration{type}EventDetails", Details(w =>
        {
            w.WriteString("name", name);
            w.WriteNumber("index", index);
        }));

    public static Func<string> ErrorDetails(string? error, string? cause) => Details(w => WriteError(w, error, cause));

    /// <summary>Defers rendering one details object as compact JSON text until the history is read or stored.</summary>
    public static Func<string> Details(Action<Utf8JsonWriter> write) => () => Render(write);

    public static string Render(Action<Utf8JsonWriter> write)
    {
        var target = buffer ??= new ArrayBufferWriter<byte>(1024);
        target.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(target, WriterOptions))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(target.WrittenSpan);
    }

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

    private static void Resource(Utf8JsonWriter w, TaskResource resource)
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
}
