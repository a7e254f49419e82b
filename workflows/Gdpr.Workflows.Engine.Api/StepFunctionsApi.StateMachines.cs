using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Engine.Language;
using Gdpr.Workflows.Engine.Persistence;

namespace Gdpr.Workflows.Engine.Api;

/// <summary>CreateStateMachine, DescribeStateMachine, ListStateMachines, UpdateStateMachine, DeleteStateMachine, ValidateStateMachineDefinition, DescribeStateMachineForExecution.</summary>
public sealed partial class StepFunctionsApi
{
    private readonly Lock machineGate = new();

    private JsonObject CreateStateMachine(ApiRequest request)
    {
        var name = request.RequiredString("name");
        var definition = request.RequiredString("definition", MaxDefinitionLength);
        var roleArn = CheckRoleArn(request.RequiredString("roleArn"));
        var type = request.OptionalEnum("type", "STANDARD", "EXPRESS") == "EXPRESS" ? StateMachineType.Express : StateMachineType.Standard;
        var tags = ReadTags(request.OptionalArray("tags"));
        var logging = request.OptionalObject("loggingConfiguration");
        var tracing = request.OptionalObject("tracingConfiguration");
        lock (machineGate)
        {
            var arn = Engine.StateMachineArnFor(name);
            if (Active(arn) is { } existing)
            {
                // AWS: the same name, definition and role again is the same machine; anything else is a conflict.
                if (existing.Record.Definition == definition && existing.Attributes.RoleArn == roleArn && existing.Record.Type == type)
                {
                    return new JsonObject { ["stateMachineArn"] = arn, ["creationDate"] = ApiJson.Timestamp(existing.Attributes.CreationDate) };
                }

                throw new ApiErrorException("StateMachineAlreadyExists", $"State Machine Already Exists: '{arn}'");
            }

            if (tags.Count > MaxTags)
            {
                throw new ApiErrorException("TooManyTags", $"Too many tags: a resource has at most {MaxTags}.");
            }

            Engine.CreateStateMachine(name, definition, type);
            var created = Engine.FindStateMachine(arn)!;
            resources.Set(arn, new StateMachineAttributes(roleArn, created.CreationDate, null, Deleted: false, logging, tracing));
            resources.ClearTags(arn);
            resources.Tag(arn, tags, MaxTags);
            return new JsonObject { ["stateMachineArn"] = arn, ["creationDate"] = ApiJson.Timestamp(created.CreationDate) };
        }
    }

    private JsonObject DescribeStateMachine(ApiRequest request)
    {
        var arn = request.RequiredString("stateMachineArn");
        CheckArn(arn, "stateMachine");
        var (record, attributes) = Active(arn) ?? throw MachineDoesNotExist(arn);
        var answer = new JsonObject
        {
            ["stateMachineArn"] = arn,
            ["name"] = record.Name,
            ["status"] = "ACTIVE",
            ["definition"] = record.Definition,
            ["roleArn"] = attributes.RoleArn,
            ["type"] = ApiJson.Type(record.Type),
            ["creationDate"] = ApiJson.Timestamp(attributes.CreationDate),
            ["revisionId"] = RevisionId(record, attributes),
        };
        AddConfiguration(answer, attributes);
        return answer;
    }

    private JsonObject ListStateMachines(ApiRequest request)
    {
        var size = PageSize(request);
        var after = PageToken.Read(request.OptionalString("nextToken"), "stateMachines");
        var page = Engine.ListStateMachines()
            .Where(m => Active(m.Arn) is not null && (after is null || string.CompareOrdinal(m.Name, after) > 0))
            .Take(size + 1)
            .ToList();
        var answer = new JsonObject
        {
            ["stateMachines"] = new JsonArray([.. page.Take(size).Select(m => (JsonNode)new JsonObject
            {
                ["stateMachineArn"] = m.Arn,
                ["name"] = m.Name,
                ["type"] = ApiJson.Type(m.Type),
                ["creationDate"] = ApiJson.Timestamp(Active(m.Arn)!.Value.Attributes.CreationDate),
            })]),
        };
        if (page.Count > size)
        {
            answer["nextToken"] = PageToken.Create("stateMachines", page[size - 1].Name);
        }

        return answer;
    }

    private JsonObject UpdateStateMachine(ApiRequest request)
    {
        var arn = request.RequiredString("stateMachineArn");
        CheckArn(arn, "stateMachine");
        var definition = request.OptionalString("definition", MaxDefinitionLength);
        var roleArn = request.OptionalString("roleArn") is { } role ? CheckRoleArn(role) : null;
        var logging = request.OptionalObject("loggingConfiguration");
        var tracing = request.OptionalObject("tracingConfiguration");
        if (definition is null && roleArn is null && logging is null && tracing is null)
        {
            throw new ApiErrorException("MissingRequiredParameter", "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified");
        }

        lock (machineGate)
        {
            var (record, attributes) = Active(arn) ?? throw MachineDoesNotExist(arn);
            if (definition is not null)
            {
                // Running executions keep the definition they started with, as on AWS.
                Engine.CreateStateMachine(record.Name, definition, record.Type);
            }

            var updated = attributes with
            {
                RoleArn = roleArn ?? attributes.RoleArn,
                UpdateDate = Engine.Options.TimeProvider.GetUtcNow(),
                LoggingConfiguration = logging ?? attributes.LoggingConfiguration,
                TracingConfiguration = tracing ?? attributes.TracingConfiguration,
            };
            resources.Set(arn, updated);
            return new JsonObject
            {
                ["updateDate"] = ApiJson.Timestamp(updated.UpdateDate!.Value),
                ["revisionId"] = RevisionId(Engine.FindStateMachine(arn)!, updated),
            };
        }
    }

    /// <summary>Deleting is idempotent, as on AWS: an unknown state machine is no error. Its executions stay describable.</summary>
    private JsonObject DeleteStateMachine(ApiRequest request)
    {
        var arn = request.RequiredString("stateMachineArn");
        CheckArn(arn, "stateMachine");
        lock (machineGate)
        {
            if (Active(arn) is { } machine)
            {
                resources.Set(arn, machine.Attributes with { Deleted = true });
                resources.ClearTags(arn);
            }
        }

        return [];
    }

    private static JsonObject ValidateStateMachineDefinition(ApiRequest request)
    {
        var definition = request.RequiredString("definition", MaxDefinitionLength);
        _ = request.OptionalEnum("type", "STANDARD", "EXPRESS");
        _ = request.OptionalEnum("severity", "ERROR", "WARNING");
        _ = request.OptionalInt("maxResults", 0, 100);
        var diagnostics = new JsonArray();
        try
        {
            _ = StateMachineDefinition.Parse(definition);
        }
        catch (AslDefinitionException invalid)
        {
            diagnostics.Add(Diagnostic(invalid.Message));
        }

        return new JsonObject
        {
            ["result"] = diagnostics.Count == 0 ? "OK" : "FAIL",
            ["diagnostics"] = diagnostics,
            ["truncated"] = false,
        };
    }

    private async Task<JsonObject> DescribeStateMachineForExecutionAsync(ApiRequest request, CancellationToken ct)
    {
        var executionArn = request.RequiredString("executionArn");
        CheckExecutionArn(executionArn);
        var execution = await Engine.DescribeExecutionAsync(executionArn, ct);

        // The engine keeps the current definition of a machine; an execution started before an update ran the older one.
        var record = Engine.FindStateMachine(execution.StateMachineArn) ?? throw MachineDoesNotExist(execution.StateMachineArn);
        var attributes = AttributesOf(record);
        var answer = new JsonObject
        {
            ["stateMachineArn"] = record.Arn,
            ["name"] = record.Name,
            ["definition"] = record.Definition,
            ["roleArn"] = attributes.RoleArn,
            ["updateDate"] = ApiJson.Timestamp(attributes.UpdateDate ?? attributes.CreationDate),
            ["revisionId"] = RevisionId(record, attributes),
        };
        AddConfiguration(answer, attributes);
        return answer;
    }

    /// <summary>The machine when it exists and was not deleted through the API; machines created on the engine directly get default attributes.</summary>
    private (StateMachineRecord Record, StateMachineAttributes Attributes)? Active(string arn)
    {
        var record = Engine.FindStateMachine(arn);
        if (record is null)
        {
            return null;
        }

        var attributes = AttributesOf(record);
        return attributes.Deleted ? null : (record, attributes);
    }

    private StateMachineAttributes AttributesOf(StateMachineRecord record) =>
        resources.Get(record.Arn) ?? new StateMachineAttributes(Engine.ExecutionRoleArn, record.CreationDate, null, Deleted: false, null, null);

    private static ApiErrorException MachineDoesNotExist(string arn) => new("StateMachineDoesNotExist", $"State Machine Does Not Exist: '{arn}'");

    /// <summary>A revision names a definition and role: the same pair, the same revision.</summary>
    private static string RevisionId(StateMachineRecord record, StateMachineAttributes attributes)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(record.Definition + "\n" + attributes.RoleArn));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    private static void AddConfiguration(JsonObject answer, StateMachineAttributes attributes)
    {
        answer["loggingConfiguration"] = attributes.LoggingConfiguration?.DeepClone() ?? new JsonObject { ["level"] = "OFF", ["includeExecutionData"] = false };
        answer["tracingConfiguration"] = attributes.TracingConfiguration?.DeepClone() ?? new JsonObject { ["enabled"] = false };
    }

    private static string CheckRoleArn(string roleArn)
    {
        var parts = roleArn.Split(':');
        return parts.Length >= 6 && parts[0] == "arn" && parts[2] == "iam" && parts[5].StartsWith("role/", StringComparison.Ordinal)
            ? roleArn
            : throw ApiErrorException.InvalidArn(roleArn);
    }

    /// <summary>An engine message "CODE: text at /location" as AWS's diagnostic.</summary>
    private static JsonObject Diagnostic(string message)
    {
        var colon = message.IndexOf(':', StringComparison.Ordinal);
        var code = colon > 0 && message[..colon].All(c => char.IsUpper(c) || c == '_') ? message[..colon] : "SCHEMA_VALIDATION_FAILED";
        var at = message.LastIndexOf(" at /", StringComparison.Ordinal);
        var diagnostic = new JsonObject { ["severity"] = "ERROR", ["code"] = code, ["message"] = message };
        if (at >= 0)
        {
            diagnostic["location"] = message[(at + 4)..];
        }

        return diagnostic;
    }

    private static int PageSize(ApiRequest request) => PageToken.PageSize(request);
}
