using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Choice;
using Gdpr.Workflows.Engine.Data;

namespace Gdpr.Workflows.Engine.Language;

/// <summary>Turns ASL JSON into <see cref="StateMachineDefinition"/>, checking what AWS checks at CreateStateMachine.</summary>
internal sealed class DefinitionParser
{
    private static readonly string[] WaitFields = ["Seconds", "SecondsPath", "Timestamp", "TimestampPath"];
    private static readonly HashSet<string> CommonFields = ["Type", "Comment", "QueryLanguage"];
    private static readonly HashSet<string> FlowFields = ["Next", "End"];
    private static readonly HashSet<string> IoFields = ["InputPath", "OutputPath", "Assign"];

    private static readonly Dictionary<string, HashSet<string>> FieldsByType = new()
    {
        ["Pass"] = Union(FlowFields, IoFields, ["Parameters", "ResultPath", "Result"]),
        ["Task"] = Union(FlowFields, IoFields, ["Resource", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Credentials"]),
        ["Choice"] = Union(IoFields, ["Choices", "Default"]),
        ["Wait"] = Union(FlowFields, IoFields, ["Seconds", "SecondsPath", "Timestamp", "TimestampPath"]),
        ["Succeed"] = Union(IoFields),
        ["Fail"] = ["Error", "ErrorPath", "Cause", "CausePath"],
        ["Parallel"] = Union(FlowFields, IoFields, ["Branches", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch"]),
        ["Map"] = Union(FlowFields, IoFields, ["ItemProcessor", "Iterator", "ItemsPath", "ItemSelector", "Parameters", "ItemReader", "ItemBatcher", "ResultWriter", "MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailureCount", "ToleratedFailureCountPath", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "Label", "ResultSelector", "ResultPath", "Retry", "Catch"]),
    };

    public StateMachineDefinition ParseMachine(JsonObject obj, string location, bool isRoot)
    {
        if (obj["QueryLanguage"] is JsonValue ql && ql.TryGetValue(out string? language) && language == "JSONata")
        {
            throw new AslDefinitionException($"UNSUPPORTED_QUERY_LANGUAGE: the local engine runs JSONPath only; JSONata is not supported yet at {Loc(location, "QueryLanguage")}");
        }

        var missing = new List<string>();
        if (!obj.ContainsKey("StartAt"))
        {
            missing.Add("StartAt");
        }

        if (!obj.ContainsKey("States"))
        {
            missing.Add("States");
        }

        if (missing.Count > 0)
        {
            throw Schema($"These fields are required: [{string.Join(", ", missing)}]", location.Length == 0 ? "/" : location);
        }

        var startAt = RequireString(obj, "StartAt", location);
        if (obj["States"] is not JsonObject statesObj)
        {
            throw Schema("The field 'States' must be an object", Loc(location, "States"));
        }

        int? timeout = isRoot ? OptionalInt(obj, "TimeoutSeconds", location, min: 1) : null;
        string? comment = obj["Comment"] is JsonValue c && c.TryGetValue(out string? cs) ? cs : null;

        var states = new Dictionary<string, StateDefinition>(StringComparer.Ordinal);
        foreach (var (name, node) in statesObj)
        {
            var stateLocation = $"{location}/States/{name}";
            if (name.Length is 0 or > 80)
            {
                throw Schema("State names must be 1 to 80 characters long", stateLocation);
            }

            if (node is not JsonObject stateObj)
            {
                throw Schema("A state must be a JSON object", stateLocation);
            }

            states[name] = ParseState(name, stateObj, stateLocation);
        }

        if (!states.ContainsKey(startAt))
        {
            throw new AslDefinitionException($"MISSING_TRANSITION_TARGET: Missing 'Next' target: {startAt} at {Loc(location, "StartAt")}");
        }

        CheckTransitions(states);
        CheckReachable(startAt, states);
        return StateMachineDefinition.Create(startAt, states, timeout, comment);
    }

    private StateDefinition ParseState(string name, JsonObject obj, string loc)
    {
        var type = obj["Type"] is JsonValue tv && tv.TryGetValue(out string? t) ? t : null;
        if (type is null)
        {
            throw Schema("These fields are required: [Type]", loc);
        }

        if (!FieldsByType.TryGetValue(type, out var allowed))
        {
            throw Schema($"Unknown state type '{type}' for state '{name}'", Loc(loc, "Type"));
        }

        if (obj["QueryLanguage"] is JsonValue ql && ql.TryGetValue(out string? language) && language == "JSONata")
        {
            throw new AslDefinitionException($"UNSUPPORTED_QUERY_LANGUAGE: the local engine runs JSONPath only; JSONata is not supported yet at {Loc(loc, "QueryLanguage")}");
        }

        foreach (var (field, _) in obj)
        {
            if (!allowed.Contains(field) && !CommonFields.Contains(field))
            {
                throw Schema($"Field '{field}' is not supported for state type '{type}' (state '{name}')", Loc(loc, field));
            }
        }

        if (FlowFields.IsSubsetOf(allowed))
        {
            var hasNext = obj.ContainsKey("Next");
            var hasEnd = obj["End"] is JsonValue ev && ev.TryGetValue(out bool end) && end;
            if (hasNext == hasEnd)
            {
                throw Schema(hasNext ? $"State '{name}' has both 'Next' and 'End'" : $"State '{name}' must have either 'Next' or 'End': true", loc);
            }
        }

        var next = OptionalString(obj, "Next", loc);
        var isEnd = obj["End"] is JsonValue e2 && e2.TryGetValue(out bool b) && b;
        var inputPath = Path(obj, "InputPath", loc, reference: false);
        var outputPath = Path(obj, "OutputPath", loc, reference: false);
        var assign = Template(obj, "Assign", loc, requireObject: true);

        switch (type)
        {
            case "Pass":
                return new PassStateDefinition
                {
                    Name = name,
                    Type = type,
                    Location = loc,
                    Next = next,
                    End = isEnd,
                    InputPath = inputPath,
                    OutputPath = outputPath,
                    Assign = assign,
                    Parameters = Template(obj, "Parameters", loc),
                    ResultPath = Path(obj, "ResultPath", loc, reference: true),
                    Result = obj["Result"]?.DeepClone(),
                    HasResult = obj.ContainsKey("Result"),
                };
            case "Succeed":
                return new SucceedStateDefinition { Name = name, Type = type, Location = loc, InputPath = inputPath, OutputPath = outputPath, Assign = assign };
            case "Fail":
                return ParseFail(name, obj, loc);
            case "Wait":
                return ParseWait(name, obj, loc, next, isEnd, inputPath, outputPath, assign);
            case "Choice":
                return ParseChoice(name, obj, loc, inputPath, outputPath, assign);
            case "Task":
                return ParseTask(name, obj, loc, next, isEnd, inputPath, outputPath, assign);
            case "Parallel":
                return ParseParallel(name, obj, loc, next, isEnd, inputPath, outputPath, assign);
            default:
                return ParseMap(name, obj, loc, next, isEnd, inputPath, outputPath, assign);
        }
    }

    private static FailStateDefinition ParseFail(string name, JsonObject obj, string loc)
    {
        if (obj.ContainsKey("Error") && obj.ContainsKey("ErrorPath"))
        {
            throw Schema("Fields 'Error' and 'ErrorPath' are mutually exclusive", loc);
        }

        if (obj.ContainsKey("Cause") && obj.ContainsKey("CausePath"))
        {
            throw Schema("Fields 'Cause' and 'CausePath' are mutually exclusive", loc);
        }

        var errorPath = OptionalString(obj, "ErrorPath", loc);
        var causePath = OptionalString(obj, "CausePath", loc);
        ValidatePathOrIntrinsic(errorPath, Loc(loc, "ErrorPath"));
        ValidatePathOrIntrinsic(causePath, Loc(loc, "CausePath"));
        return new FailStateDefinition
        {
            Name = name,
            Type = "Fail",
            Location = loc,
            Error = ValueOrPaths.String(OptionalString(obj, "Error", loc), errorPath, "ErrorPath"),
            Cause = ValueOrPaths.String(OptionalString(obj, "Cause", loc), causePath, "CausePath"),
        };
    }

    private static WaitStateDefinition ParseWait(string name, JsonObject obj, string loc, string? next, bool end, OptionalPath inputPath, OptionalPath outputPath, JsonNode? assign)
    {
        var fields = WaitFields.Where(obj.ContainsKey).ToList();
        if (fields.Count != 1)
        {
            throw Schema("A Wait state must have exactly one of 'Seconds', 'SecondsPath', 'Timestamp' or 'TimestampPath'", loc);
        }

        DateTimeOffset? timestamp = null;
        if (obj.ContainsKey("Timestamp"))
        {
            var text = RequireString(obj, "Timestamp", loc);
            timestamp = Timestamps.TryParseRfc3339(text, out var ts) ? ts : throw Schema("String does not match RFC3339 timestamp", Loc(loc, "Timestamp"));
        }

        var secondsPath = OptionalString(obj, "SecondsPath", loc);
        var timestampPath = OptionalString(obj, "TimestampPath", loc);
        ValidatePath(secondsPath, Loc(loc, "SecondsPath"));
        ValidatePath(timestampPath, Loc(loc, "TimestampPath"));
        long? seconds = obj.ContainsKey("Seconds") ? OptionalLong(obj, "Seconds", loc, 0) : null;
        return new WaitStateDefinition
        {
            Name = name,
            Type = "Wait",
            Location = loc,
            Next = next,
            End = end,
            InputPath = inputPath,
            OutputPath = outputPath,
            Assign = assign,
            Seconds = ValueOrPaths.WaitSeconds(seconds, secondsPath),
            Timestamp = ValueOrPaths.WaitTimestamp(timestamp, timestampPath),
        };
    }

    private static ChoiceStateDefinition ParseChoice(string name, JsonObject obj, string loc, OptionalPath inputPath, OptionalPath outputPath, JsonNode? assign)
    {
        ChoiceState rules;
        try
        {
            rules = ChoiceState.Parse(obj, name);
        }
        catch (AslDefinitionException ex)
        {
            throw new AslDefinitionException($"SCHEMA_VALIDATION_FAILED: {ex.Message} at {loc}");
        }

        return new ChoiceStateDefinition
        {
            Name = name,
            Type = "Choice",
            Location = loc,
            InputPath = inputPath,
            OutputPath = outputPath,
            Assign = assign,
            Rules = rules,
        };
    }

    private static TaskStateDefinition ParseTask(string name, JsonObject obj, string loc, string? next, bool end, OptionalPath inputPath, OptionalPath outputPath, JsonNode? assign)
    {
        var resource = RequireString(obj, "Resource", loc);
        if (!resource.StartsWith("arn:", StringComparison.Ordinal))
        {
            throw Schema($"Value is not a valid resource ARN: '{resource}'", Loc(loc, "Resource"));
        }

        if (obj.ContainsKey("TimeoutSeconds") && obj.ContainsKey("TimeoutSecondsPath"))
        {
            throw Schema("Fields 'TimeoutSeconds' and 'TimeoutSecondsPath' are mutually exclusive", loc);
        }

        if (obj.ContainsKey("HeartbeatSeconds") && obj.ContainsKey("HeartbeatSecondsPath"))
        {
            throw Schema("Fields 'HeartbeatSeconds' and 'HeartbeatSecondsPath' are mutually exclusive", loc);
        }

        var timeout = OptionalInt(obj, "TimeoutSeconds", loc, min: 1);
        var heartbeat = OptionalInt(obj, "HeartbeatSeconds", loc, min: 1);
        if (timeout is not null && heartbeat is not null && heartbeat >= timeout)
        {
            throw Schema("HeartbeatSeconds must be smaller than TimeoutSeconds", Loc(loc, "HeartbeatSeconds"));
        }

        var timeoutPath = OptionalString(obj, "TimeoutSecondsPath", loc);
        var heartbeatPath = OptionalString(obj, "HeartbeatSecondsPath", loc);
        ValidatePath(timeoutPath, Loc(loc, "TimeoutSecondsPath"));
        ValidatePath(heartbeatPath, Loc(loc, "HeartbeatSecondsPath"));
        return new TaskStateDefinition
        {
            Name = name,
            Type = "Task",
            Location = loc,
            Next = next,
            End = end,
            InputPath = inputPath,
            OutputPath = outputPath,
            Assign = assign,
            Resource = resource,
            Parameters = Template(obj, "Parameters", loc),
            ResultSelector = Template(obj, "ResultSelector", loc, requireObject: true),
            ResultPath = Path(obj, "ResultPath", loc, reference: true),
            Retry = ParseRetry(obj, loc),
            Catch = ParseCatch(obj, loc),
            TimeoutSeconds = ValueOrPaths.PositiveSeconds(timeout, timeoutPath, "TimeoutSecondsPath"),
            HeartbeatSeconds = ValueOrPaths.PositiveSeconds(heartbeat, heartbeatPath, "HeartbeatSecondsPath"),
            Credentials = obj["Credentials"]?.DeepClone(),
        };
    }

    private ParallelStateDefinition ParseParallel(string name, JsonObject obj, string loc, string? next, bool end, OptionalPath inputPath, OptionalPath outputPath, JsonNode? assign)
    {
        if (obj["Branches"] is not JsonArray branches || branches.Count == 0)
        {
            throw Schema("The field 'Branches' must be a non-empty array", Loc(loc, "Branches"));
        }

        var parsed = new List<StateMachineDefinition>();
        for (var i = 0; i < branches.Count; i++)
        {
            if (branches[i] is not JsonObject b)
            {
                throw Schema("A branch must be an object", $"{loc}/Branches[{i}]");
            }

            parsed.Add(ParseMachine(b, $"{loc}/Branches[{i}]", isRoot: false));
        }

        return new ParallelStateDefinition
        {
            Name = name,
            Type = "Parallel",
            Location = loc,
            Next = next,
            End = end,
            InputPath = inputPath,
            OutputPath = outputPath,
            Assign = assign,
            Branches = parsed,
            Parameters = Template(obj, "Parameters", loc),
            ResultSelector = Template(obj, "ResultSelector", loc, requireObject: true),
            ResultPath = Path(obj, "ResultPath", loc, reference: true),
            Retry = ParseRetry(obj, loc),
            Catch = ParseCatch(obj, loc),
        };
    }

    private MapStateDefinition ParseMap(string name, JsonObject obj, string loc, string? next, bool end, OptionalPath inputPath, OptionalPath outputPath, JsonNode? assign)
    {
        var processorField = obj.ContainsKey("ItemProcessor") ? "ItemProcessor" : "Iterator";
        if (obj[processorField] is not JsonObject processor)
        {
            throw Schema("These fields are required: [ItemProcessor]", loc);
        }

        if (obj.ContainsKey("ItemSelector") && obj.ContainsKey("Parameters"))
        {
            throw Schema("Fields 'ItemSelector' and 'Parameters' are mutually exclusive", loc);
        }

        var distributed = processor["ProcessorConfig"] is JsonObject config && config["Mode"] is JsonValue mode && mode.TryGetValue(out string? m) && m == "DISTRIBUTED";
        var processorCopy = new JsonObject();
        foreach (var (k, v) in processor)
        {
            if (k != "ProcessorConfig")
            {
                processorCopy[k] = v?.DeepClone();
            }
        }

        var itemsPath = OptionalString(obj, "ItemsPath", loc);
        ValidateReferencePath(itemsPath, Loc(loc, "ItemsPath"));
        var mcPath = OptionalString(obj, "MaxConcurrencyPath", loc);
        var tfcPath = OptionalString(obj, "ToleratedFailureCountPath", loc);
        var tfpPath = OptionalString(obj, "ToleratedFailurePercentagePath", loc);
        ValidatePath(mcPath, Loc(loc, "MaxConcurrencyPath"));
        ValidatePath(tfcPath, Loc(loc, "ToleratedFailureCountPath"));
        ValidatePath(tfpPath, Loc(loc, "ToleratedFailurePercentagePath"));
        double? tfp = null;
        if (obj["ToleratedFailurePercentage"] is JsonValue tfpv)
        {
            tfp = NumberOf(tfpv) is double d && d is >= 0 and <= 100 ? d : throw Schema("ToleratedFailurePercentage must be a number between 0 and 100", Loc(loc, "ToleratedFailurePercentage"));
        }

        var label = OptionalString(obj, "Label", loc);
        if (label is not null && (label.Length > 40 || label.Any(ch => char.IsWhiteSpace(ch) || "<>{}[]?*\"#%\\^|~`$&,;:/".Contains(ch, StringComparison.Ordinal) || char.IsControl(ch))))
        {
            throw Schema("Label must be at most 40 characters, without whitespace, brackets, wildcards, punctuation or control characters", Loc(loc, "Label"));
        }

        return new MapStateDefinition
        {
            Name = name,
            Type = "Map",
            Location = loc,
            Next = next,
            End = end,
            InputPath = inputPath,
            OutputPath = outputPath,
            Assign = assign,
            Processor = ParseMachine(processorCopy, Loc(loc, processorField), isRoot: false),
            Distributed = distributed,
            Label = label,
            ItemsPath = itemsPath,
            ItemSelector = Template(obj, "ItemSelector", loc) ?? Template(obj, "Parameters", loc),
            ItemBatcher = ItemBatcher.Parse(obj["ItemBatcher"]),
            MaxConcurrency = ValueOrPaths.NonNegativeInt(OptionalInt(obj, "MaxConcurrency", loc, min: 0), mcPath, "MaxConcurrencyPath"),
            ToleratedFailureCount = ValueOrPaths.NonNegativeInt(OptionalInt(obj, "ToleratedFailureCount", loc, min: 0), tfcPath, "ToleratedFailureCountPath"),
            ToleratedFailurePercentage = ValueOrPaths.Percentage(tfp, tfpPath, "ToleratedFailurePercentagePath"),
            ItemReader = obj["ItemReader"]?.DeepClone(),
            ResultWriter = obj["ResultWriter"]?.DeepClone(),
            ResultSelector = Template(obj, "ResultSelector", loc, requireObject: true),
            ResultPath = Path(obj, "ResultPath", loc, reference: true),
            Retry = ParseRetry(obj, loc),
            Catch = ParseCatch(obj, loc),
        };
    }

    private static List<Retrier> ParseRetry(JsonObject obj, string loc)
    {
        var result = new List<Retrier>();
        if (obj["Retry"] is null)
        {
            return result;
        }

        if (obj["Retry"] is not JsonArray retry)
        {
            throw Schema("The field 'Retry' must be an array", Loc(loc, "Retry"));
        }

        for (var i = 0; i < retry.Count; i++)
        {
            var rl = $"{loc}/Retry[{i}]";
            if (retry[i] is not JsonObject r)
            {
                throw Schema("A retrier must be an object", rl);
            }

            var errors = ErrorEquals(r, rl);
            if (errors.Contains(ErrorNames.All) && i != retry.Count - 1)
            {
                throw Schema("States.ALL must appear in the last retrier only", rl);
            }

            var interval = r["IntervalSeconds"] is JsonValue iv ? NumberOf(iv) ?? throw Schema("IntervalSeconds must be a number", rl) : 1;
            var maxAttempts = OptionalInt(r, "MaxAttempts", rl, min: 0) ?? 3;
            var backoff = r["BackoffRate"] is JsonValue bv ? NumberOf(bv) ?? throw Schema("BackoffRate must be a number", rl) : 2.0;
            if (backoff < 1)
            {
                throw Schema("BackoffRate must be at least 1.0", Loc(rl, "BackoffRate"));
            }

            var jitter = OptionalString(r, "JitterStrategy", rl);
            if (jitter is not (null or "FULL" or "NONE"))
            {
                throw Schema("JitterStrategy must be FULL or NONE", Loc(rl, "JitterStrategy"));
            }

            result.Add(new Retrier(errors, interval, maxAttempts, backoff, OptionalInt(r, "MaxDelaySeconds", rl, min: 1), jitter == "FULL"));
        }

        return result;
    }

    private static List<Catcher> ParseCatch(JsonObject obj, string loc)
    {
        var result = new List<Catcher>();
        if (obj["Catch"] is null)
        {
            return result;
        }

        if (obj["Catch"] is not JsonArray catches)
        {
            throw Schema("The field 'Catch' must be an array", Loc(loc, "Catch"));
        }

        for (var i = 0; i < catches.Count; i++)
        {
            var cl = $"{loc}/Catch[{i}]";
            if (catches[i] is not JsonObject c)
            {
                throw Schema("A catcher must be an object", cl);
            }

            var errors = ErrorEquals(c, cl);
            if (errors.Contains(ErrorNames.All) && i != catches.Count - 1)
            {
                throw Schema("States.ALL must appear in the last catcher only", cl);
            }

            result.Add(new Catcher(errors, Path(c, "ResultPath", cl, reference: true), RequireString(c, "Next", cl), Template(c, "Assign", cl, requireObject: true)));
        }

        return result;
    }

    private static List<string> ErrorEquals(JsonObject obj, string loc)
    {
        if (obj["ErrorEquals"] is not JsonArray arr || arr.Count == 0)
        {
            throw Schema("The field 'ErrorEquals' must be a non-empty array of strings", Loc(loc, "ErrorEquals"));
        }

        var errors = arr.Select(e => e is JsonValue v && v.TryGetValue(out string? s) ? s : throw Schema("ErrorEquals entries must be strings", Loc(loc, "ErrorEquals"))).ToList();
        if (errors.Contains(ErrorNames.All) && errors.Count > 1)
        {
            throw Schema("States.ALL must appear alone in ErrorEquals", Loc(loc, "ErrorEquals"));
        }

        return errors;
    }

    private static void CheckTransitions(Dictionary<string, StateDefinition> states)
    {
        foreach (var state in states.Values)
        {
            foreach (var (target, field) in Targets(state))
            {
                if (!states.ContainsKey(target))
                {
                    throw new AslDefinitionException($"MISSING_TRANSITION_TARGET: Missing 'Next' target: {target} at {state.Location}/{field}");
                }
            }
        }
    }

    private static void CheckReachable(string startAt, Dictionary<string, StateDefinition> states)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { startAt };
        var queue = new Queue<string>([startAt]);
        while (queue.TryDequeue(out var name))
        {
            foreach (var (target, _) in Targets(states[name]))
            {
                if (seen.Add(target))
                {
                    queue.Enqueue(target);
                }
            }
        }

        var unreachable = states.Keys.FirstOrDefault(s => !seen.Contains(s));
        if (unreachable is not null)
        {
            throw new AslDefinitionException($"UNREACHABLE_STATE: State '{unreachable}' is not reachable at {states[unreachable].Location}");
        }
    }

    private static IEnumerable<(string Target, string Field)> Targets(StateDefinition state)
    {
        if (state.Next is not null)
        {
            yield return (state.Next, "Next");
        }

        if (state is ChoiceStateDefinition choice)
        {
            for (var i = 0; i < choice.Rules.Choices.Count; i++)
            {
                yield return (choice.Rules.Choices[i].Next, $"Choices[{i}]/Next");
            }

            if (choice.Rules.Default is not null)
            {
                yield return (choice.Rules.Default, "Default");
            }
        }

        if (state is ExecutingStateDefinition executing)
        {
            for (var i = 0; i < executing.Catch.Count; i++)
            {
                yield return (executing.Catch[i].Next, $"Catch[{i}]/Next");
            }
        }
    }

    private static OptionalPath Path(JsonObject obj, string field, string loc, bool reference)
    {
        if (!obj.TryGetPropertyValue(field, out var node))
        {
            return OptionalPath.Default;
        }

        if (node is null)
        {
            return new OptionalPath(null);
        }

        if (node is not JsonValue v || !v.TryGetValue(out string? path))
        {
            throw Schema($"The field '{field}' must be a string or null", Loc(loc, field));
        }

        var error = reference ? JsonPaths.ValidateReferencePath(path) : JsonPaths.ValidatePath(path);
        if (error is not null)
        {
            throw Schema($"The value for the field '{field}' must be a valid JSONPath: {error}", Loc(loc, field));
        }

        return new OptionalPath(path);
    }

    private static void ValidatePath(string? path, string loc)
    {
        if (path is not null && JsonPaths.ValidatePath(path) is { } error)
        {
            throw Schema($"The value must be a valid JSONPath: {error}", loc);
        }
    }

    private static void ValidateReferencePath(string? path, string loc)
    {
        if (path is not null && JsonPaths.ValidateReferencePath(path) is { } error)
        {
            throw Schema($"The value must be a valid JSONPath: {error}", loc);
        }
    }

    private static void ValidatePathOrIntrinsic(string? value, string loc)
    {
        if (value is null)
        {
            return;
        }

        var error = value.StartsWith("States.", StringComparison.Ordinal) ? IntrinsicFunctions.Validate(value) : JsonPaths.ValidatePath(value);
        if (error is not null)
        {
            throw Schema($"The value must be a valid JSONPath or a valid intrinsic function call: {error}", loc);
        }
    }

    private static JsonNode? Template(JsonObject obj, string field, string loc, bool requireObject = false)
    {
        if (!obj.TryGetPropertyValue(field, out var node) || node is null)
        {
            return null;
        }

        if (requireObject && node is not JsonObject)
        {
            throw Schema($"The field '{field}' must be an object", Loc(loc, field));
        }

        var error = PayloadTemplate.Validate(node);
        if (error is not null)
        {
            throw Schema(error, Loc(loc, field));
        }

        return node.DeepClone();
    }

    private static string RequireString(JsonObject obj, string field, string loc) =>
        OptionalString(obj, field, loc) ?? throw Schema($"These fields are required: [{field}]", loc);

    private static string? OptionalString(JsonObject obj, string field, string loc)
    {
        if (!obj.TryGetPropertyValue(field, out var node) || node is null)
        {
            return null;
        }

        return node is JsonValue v && v.TryGetValue(out string? s) ? s : throw Schema($"The field '{field}' must be a string", Loc(loc, field));
    }

    private static int? OptionalInt(JsonObject obj, string field, string loc, int min)
    {
        var value = OptionalLong(obj, field, loc, min);
        return value is null ? null : value > int.MaxValue ? throw Schema($"The field '{field}' is too large", Loc(loc, field)) : (int)value;
    }

    private static long? OptionalLong(JsonObject obj, string field, string loc, long min)
    {
        if (!obj.TryGetPropertyValue(field, out var node) || node is null)
        {
            return null;
        }

        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out long l) && l >= min)
        {
            return l;
        }

        throw Schema($"The field '{field}' must be an integer of at least {min.ToString(CultureInfo.InvariantCulture)}", Loc(loc, field));
    }

    private static double? NumberOf(JsonValue v) =>
        v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out double d) ? d : null;

    private static string Loc(string loc, string field) => $"{loc}/{field}";

    private static AslDefinitionException Schema(string message, string loc) =>
        new($"SCHEMA_VALIDATION_FAILED: {message} at {loc}");

    private static HashSet<string> Union(params IEnumerable<string>[] sets) => [.. sets.SelectMany(s => s)];
}
