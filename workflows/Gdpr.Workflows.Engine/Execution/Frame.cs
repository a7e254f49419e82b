using System.Globalization;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data;
using Gdpr.Workflows.Engine.Language;
using Gdpr.Workflows.Engine.Persistence;

namespace Gdpr.Workflows.Engine.Execution;

/// <summary>
/// A thread of states: the execution itself, one Parallel branch or one Map iteration. It owns its variables
/// (reading outer ones through its parent), its checkpoint and the context object its paths see.
/// </summary>
internal sealed class Frame : IPathVariables
{
    private readonly Frame? parent;
    private readonly MapItem? mapItem;
    private JsonObject? contextObject;

    // What the cached context object shows now: its parts are replaced only when they change.
    private (string Name, DateTimeOffset Entered, int? RetryCount)? shownState;
    private string? shownToken;
    private MapItem? shownMapItem;

    public Frame(ExecutionRun run, string id, StateMachineDefinition definition, Frame? parent, FrameCheckpoint checkpoint, MapItem? mapItem)
    {
        Run = run;
        Id = id;
        Definition = definition;
        this.parent = parent;
        Checkpoint = checkpoint;
        Variables = checkpoint.Variables is null ? [] : (JsonObject)checkpoint.Variables.DeepClone();
        this.mapItem = mapItem;
    }

    public ExecutionRun Run { get; }

    public string Id { get; }

    public StateMachineDefinition Definition { get; }

    public FrameCheckpoint Checkpoint { get; private set; }

    /// <summary>This frame's own variables; committed with each checkpoint.</summary>
    public JsonObject Variables { get; private set; }

    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public (bool Found, JsonNode? Value) GetVariable(string name)
    {
        for (var frame = this; frame is not null; frame = frame.parent)
        {
            if (frame.Variables.TryGetPropertyValue(name, out var value))
            {
                return (true, value);
            }
        }

        return (false, null);
    }

    /// <summary>
    /// The paths of the current state. The context object is built only when a path reads <c>$$</c>; Task.Token
    /// and Map.Item appear only where they apply.
    /// </summary>
    /// <param name="retryCount">Null for states without Retry: AWS shows RetryCount only for those that have it.</param>
    public PathContext Paths(JsonNode? input, string stateName, DateTimeOffset enteredTime, int? retryCount, string? taskToken = null, MapItem? itemOfMap = null) =>
        PathContext.WithLazyContextObject(input, new StateContextObject(this, stateName, enteredTime, retryCount, taskToken, itemOfMap), this);

    /// <summary>The context object as one state sees it, built only when one of its paths reads <c>$$</c>.</summary>
    private sealed class StateContextObject(Frame frame, string stateName, DateTimeOffset enteredTime, int? retryCount, string? taskToken, MapItem? itemOfMap)
        : ContextObjectSource
    {
        protected override JsonNode? Build() => frame.ContextObject(stateName, enteredTime, retryCount, taskToken, itemOfMap);
    }

    /// <summary>
    /// The frame's context object, brought up to date for one state. Paths only read it (whatever they select is
    /// copied before it goes anywhere), so its parts are kept while they stay the same.
    /// </summary>
    private JsonObject ContextObject(string stateName, DateTimeOffset enteredTime, int? retryCount, string? taskToken, MapItem? itemOfMap)
    {
        contextObject ??= NewContextObject();
        if (shownState != (stateName, enteredTime, retryCount))
        {
            var state = new JsonObject
            {
                ["EnteredTime"] = Iso(enteredTime),
                ["Name"] = stateName,
            };
            if (retryCount is not null)
            {
                state["RetryCount"] = retryCount;
            }

            contextObject["State"] = state;
            shownState = (stateName, enteredTime, retryCount);
        }

        if (taskToken != shownToken)
        {
            if (taskToken is not null)
            {
                contextObject["Task"] = new JsonObject { ["Token"] = taskToken };
            }
            else
            {
                contextObject.Remove("Task");
            }

            shownToken = taskToken;
        }

        var item = itemOfMap ?? mapItem;
        if (item != shownMapItem)
        {
            if (item is { } shown)
            {
                contextObject["Map"] = new JsonObject { ["Item"] = new JsonObject { ["Index"] = shown.Index, ["Value"] = shown.Value?.DeepClone() } };
            }
            else
            {
                contextObject.Remove("Map");
            }

            shownMapItem = item;
        }

        return contextObject;
    }

    private JsonObject NewContextObject()
    {
        var execution = new JsonObject
        {
            [nameof(Id)] = Run.Arn,
            ["Input"] = Run.Input?.DeepClone(),
            ["StartTime"] = Iso(Run.Record.StartDate),
            ["Name"] = Run.Record.Name,
            ["RoleArn"] = Run.Engine.RoleArn,
        };
        if (Run.StateMachine.Type == StateMachineType.Standard)
        {
            // Express executions cannot be redriven, and AWS omits the field for them.
            execution["RedriveCount"] = Run.Record.RedriveCount;
        }

        return new JsonObject
        {
            ["Execution"] = execution,
            ["StateMachine"] = new JsonObject { [nameof(Id)] = Run.StateMachine.Arn, ["Name"] = Run.StateMachine.Name },
        };
    }

    /// <summary>
    /// Evaluates an Assign block against the current (old) variables. AWS sets the new values only after the
    /// state's output is computed, so OutputPath still sees the old ones: call <see cref="SetVariables"/> then.
    /// </summary>
    public static JsonObject? EvaluateAssign(JsonNode? assign, PathContext context) =>
        assign is null ? null : PayloadTemplate.Evaluate(assign, context, "Assign") as JsonObject;

    public void SetVariables(JsonObject? values)
    {
        if (values is null || values.Count == 0)
        {
            return;
        }

        var next = (JsonObject)Variables.DeepClone();
        foreach (var (name, value) in values)
        {
            next[name] = value?.DeepClone();
        }

        Variables = next;
    }

    /// <summary>Commits events and this frame's next checkpoint (and a new task token) in one write.</summary>
    /// <param name="marksEntry">The first event is the state's Entered event: its id is kept for AWS's error causes.</param>
    public async Task CommitAsync(FrameCheckpoint next, IReadOnlyList<PendingEvent> events, TaskTokenRecord? newToken = null, bool marksEntry = false)
    {
        var variables = Variables.Count == 0 ? null : (JsonObject)Variables.DeepClone();
        if (StartEvents is { } start)
        {
            // The parent's "iteration started" events go out with this frame's first transition: one write, not two.
            StartEvents = null;
            Checkpoint = (await Run.CommitAsync(Checkpoint.LastEventId, [.. start, .. events], Id, next, variables, marksEntry ? start.Length : -1, newToken))!;
            return;
        }

        Checkpoint = (await Run.CommitAsync(Checkpoint.LastEventId, events, Id, next, variables, marksEntry ? 0 : -1, newToken))!;
    }

    /// <summary>Events of the parent that belong before this frame's first event (MapIterationStarted), written with its first commit.</summary>
    public PendingEvent[]? StartEvents { get; set; }
}

/// <summary>A Map iteration's item as <c>$$.Map.Item</c> shows it; its JSON is built only if a path reads it.</summary>
internal readonly record struct MapItem(int Index, JsonNode? Value);
