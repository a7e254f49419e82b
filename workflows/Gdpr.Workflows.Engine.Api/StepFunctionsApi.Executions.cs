using System.Globalization;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Execution;

namespace Gdpr.Workflows.Engine.Api;

/// <summary>StartExecution, StartSyncExecution, DescribeExecution, ListExecutions, GetExecutionHistory, StopExecution, RedriveExecution.</summary>
public sealed partial class StepFunctionsApi
{
    private const int MaxInputLength = 262_144;

    private async Task<JsonObject> StartExecutionAsync(ApiRequest request, CancellationToken ct)
    {
        var (machine, name, input) = ReadStart(request);
        var arn = await Engine.StartExecutionAsync(machine, input, name, ct);
        var started = await Engine.DescribeExecutionAsync(arn, ct);
        return new JsonObject { ["executionArn"] = arn, ["startDate"] = ApiJson.Timestamp(started.StartDate) };
    }

    private async Task<JsonObject> StartSyncExecutionAsync(ApiRequest request, CancellationToken ct)
    {
        var (machine, name, input) = ReadStart(request);
        var metadataOnly = request.OptionalEnum("includedData", "ALL_DATA", "METADATA_ONLY") == "METADATA_ONLY";
        if (Engine.FindStateMachine(machine)!.Type != StateMachineType.Express)
        {
            throw new ApiErrorException("StateMachineTypeNotSupported", "This operation is not supported by this type of state machine");
        }

        var ended = await Engine.StartSyncExecutionAsync(machine, input, name, ct);
        var answer = new JsonObject
        {
            ["executionArn"] = ended.ExecutionArn,
            ["stateMachineArn"] = ended.StateMachineArn,
            ["name"] = ended.Name,
            ["startDate"] = ApiJson.Timestamp(ended.StartDate),
            ["stopDate"] = ApiJson.Timestamp(ended.StopDate ?? Engine.Options.TimeProvider.GetUtcNow()),
            ["status"] = ApiJson.Status(ended.Status),
            ["inputDetails"] = ApiJson.Included(!metadataOnly),
            ["outputDetails"] = ApiJson.Included(!metadataOnly),
            ["billingDetails"] = new JsonObject
            {
                ["billedMemoryUsedInMB"] = 64,
                ["billedDurationInMilliseconds"] = (long)Math.Ceiling(((ended.StopDate ?? ended.StartDate) - ended.StartDate).TotalMilliseconds / 100.0) * 100,
            },
        };
        AddOutcome(answer, ended, metadataOnly);
        return answer;
    }

    private async Task<JsonObject> DescribeExecutionAsync(ApiRequest request, CancellationToken ct)
    {
        var arn = request.RequiredString("executionArn");
        CheckExecutionArn(arn);
        var metadataOnly = request.OptionalEnum("includedData", "ALL_DATA", "METADATA_ONLY") == "METADATA_ONLY";
        var execution = await Engine.DescribeExecutionAsync(arn, ct);
        var answer = new JsonObject
        {
            ["executionArn"] = execution.ExecutionArn,
            ["stateMachineArn"] = execution.StateMachineArn,
            ["name"] = execution.Name,
            ["status"] = ApiJson.Status(execution.Status),
            ["startDate"] = ApiJson.Timestamp(execution.StartDate),
            ["inputDetails"] = ApiJson.Included(!metadataOnly),
            ["redriveCount"] = execution.RedriveCount,
        };
        if (execution.StopDate is { } stopped)
        {
            answer["stopDate"] = ApiJson.Timestamp(stopped);
        }

        if (execution.Status == ExecutionStatus.Succeeded)
        {
            answer["outputDetails"] = ApiJson.Included(!metadataOnly);
        }

        AddOutcome(answer, execution, metadataOnly);
        var (redrive, reason) = RedriveStatus(execution);
        answer["redriveStatus"] = redrive;
        if (reason is not null)
        {
            answer["redriveStatusReason"] = reason;
        }

        return answer;
    }

    /// <summary>Newest first, as AWS lists; the page token is the last execution's start and ARN (new executions never shift a page).</summary>
    private async Task<JsonObject> ListExecutionsAsync(ApiRequest request, CancellationToken ct)
    {
        var machineArn = request.OptionalString("stateMachineArn");
        if (request.OptionalString("mapRunArn") is { } mapRun)
        {
            throw new ApiErrorException("ResourceNotFound", $"Resource not found: '{mapRun}' (this endpoint keeps no Map Runs)");
        }

        if (machineArn is null)
        {
            throw ApiErrorException.Validation("Must provide a StateMachine ARN or MapRun ARN");
        }

        CheckArn(machineArn, "stateMachine");
        var status = request.OptionalEnum("statusFilter", "RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE");
        var redriven = request.OptionalEnum("redriveFilter", "REDRIVEN", "NOT_REDRIVEN");
        var size = PageSize(request);
        var after = PageToken.Read(request.OptionalString("nextToken"), "executions:" + machineArn + ":" + status + ":" + redriven);
        var (record, _) = Active(machineArn) ?? throw MachineDoesNotExist(machineArn);
        if (record.Type == StateMachineType.Express)
        {
            throw new ApiErrorException("StateMachineTypeNotSupported", "This operation is not supported by this type of state machine");
        }

        var all = status == "PENDING_REDRIVE" ? [] : await Engine.ListExecutionsAsync(machineArn, StatusOf(status), ct);
        var (afterTicks, afterArn) = after is null ? (long.MaxValue, string.Empty) : ParsePosition(after);
        var page = all
            .Where(e => redriven is null || (e.RedriveCount > 0) == (redriven == "REDRIVEN"))
            .OrderByDescending(e => e.StartDate.UtcTicks).ThenByDescending(e => e.ExecutionArn, StringComparer.Ordinal)
            .Where(e => after is null || e.StartDate.UtcTicks < afterTicks || (e.StartDate.UtcTicks == afterTicks && string.CompareOrdinal(e.ExecutionArn, afterArn) < 0))
            .Take(size + 1)
            .ToList();
        var answer = new JsonObject { ["executions"] = new JsonArray([.. page.Take(size).Select(ListItem)]) };
        if (page.Count > size)
        {
            var last = page[size - 1];
            answer["nextToken"] = PageToken.Create("executions:" + machineArn + ":" + status + ":" + redriven, last.StartDate.UtcTicks.ToString(CultureInfo.InvariantCulture) + " " + last.ExecutionArn);
        }

        return answer;
    }

    private async Task<JsonObject> GetExecutionHistoryAsync(ApiRequest request, CancellationToken ct)
    {
        var arn = request.RequiredString("executionArn");
        CheckExecutionArn(arn);
        var size = PageSize(request);
        var reverse = request.OptionalBool("reverseOrder") ?? false;
        var withData = request.OptionalBool("includeExecutionData") ?? true;
        var kind = "history:" + arn + (reverse ? ":reverse" : ":forward");
        var after = PageToken.Read(request.OptionalString("nextToken"), kind) is { } position ? long.Parse(position, CultureInfo.InvariantCulture) : (long?)null;
        var history = await Engine.GetExecutionHistoryAsync(arn, ct);
        IEnumerable<HistoryEvent> ordered = reverse ? history.Reverse() : history;
        var page = ordered.Where(e => after is null || (reverse ? e.Id < after : e.Id > after)).Take(size + 1).ToList();
        var answer = new JsonObject { ["events"] = new JsonArray([.. page.Take(size).Select(e => (JsonNode)Event(e, withData))]) };
        if (page.Count > size)
        {
            answer["nextToken"] = PageToken.Create(kind, page[size - 1].Id.ToString(CultureInfo.InvariantCulture));
        }

        return answer;
    }

    /// <summary>Stopping an execution that has already ended changes nothing and answers when it stopped.</summary>
    private async Task<JsonObject> StopExecutionAsync(ApiRequest request, CancellationToken ct)
    {
        var arn = request.RequiredString("executionArn");
        CheckExecutionArn(arn);
        var error = request.OptionalString("error", 256);
        var cause = request.OptionalString("cause", 32_768);
        var execution = await Engine.DescribeExecutionAsync(arn, ct);
        if (execution.Status == ExecutionStatus.Running)
        {
            try
            {
                await Engine.StopExecutionAsync(arn, error, cause, ct);
            }
            catch (StepFunctionsApiException notRunning) when (notRunning.Code == "ExecutionNotRunning")
            {
                // It ended between the two reads: answer its stop as below.
            }

            execution = await Engine.DescribeExecutionAsync(arn, ct);
        }

        return new JsonObject { ["stopDate"] = ApiJson.Timestamp(execution.StopDate ?? Engine.Options.TimeProvider.GetUtcNow()) };
    }

    private async Task<JsonObject> RedriveExecutionAsync(ApiRequest request, CancellationToken ct)
    {
        var arn = request.RequiredString("executionArn");
        CheckExecutionArn(arn);
        _ = request.OptionalString("clientToken", 64);
        if (arn.Split(':')[5] == "express")
        {
            throw new ApiErrorException("ExecutionNotRedrivable", $"Execution '{arn}' belongs to an EXPRESS state machine: only STANDARD executions can be redriven.");
        }

        await Engine.RedriveExecutionAsync(arn, ct);
        return new JsonObject { ["redriveDate"] = ApiJson.Timestamp(Engine.Options.TimeProvider.GetUtcNow()) };
    }

    private (string Machine, string? Name, string Input) ReadStart(ApiRequest request)
    {
        var machine = request.RequiredString("stateMachineArn");
        CheckArn(machine, "stateMachine");
        var name = request.OptionalString("name");
        var input = request.OptionalString("input") ?? "{}";
        _ = request.OptionalString("traceHeader", 256);
        if (input.Length > MaxInputLength)
        {
            throw new ApiErrorException("InvalidExecutionInput", $"The input exceeds the maximum of {MaxInputLength} characters.");
        }

        _ = Active(machine) ?? throw MachineDoesNotExist(machine);
        return (machine, name, input);
    }

    private static JsonNode ListItem(ExecutionDescription e)
    {
        var item = new JsonObject
        {
            ["executionArn"] = e.ExecutionArn,
            ["stateMachineArn"] = e.StateMachineArn,
            ["name"] = e.Name,
            ["status"] = ApiJson.Status(e.Status),
            ["startDate"] = ApiJson.Timestamp(e.StartDate),
        };
        if (e.StopDate is { } stopped)
        {
            item["stopDate"] = ApiJson.Timestamp(stopped);
        }

        item["redriveCount"] = e.RedriveCount;
        return item;
    }

    private static void AddOutcome(JsonObject answer, ExecutionDescription e, bool metadataOnly)
    {
        if (!metadataOnly)
        {
            answer["input"] = e.Input;
            if (e.Output is not null)
            {
                answer["output"] = e.Output;
            }
        }

        if (e.Error is not null)
        {
            answer["error"] = e.Error;
        }

        if (e.Cause is not null)
        {
            answer["cause"] = e.Cause;
        }
    }

    private static (string Status, string? Reason) RedriveStatus(ExecutionDescription e) => e.Status switch
    {
        ExecutionStatus.Running => ("NOT_REDRIVABLE", "Execution is RUNNING and cannot be redriven"),
        ExecutionStatus.Succeeded => ("NOT_REDRIVABLE", "Execution is SUCCEEDED and cannot be redriven"),
        _ when e.ExecutionArn.Split(':')[5] == "express" => ("NOT_REDRIVABLE", "Execution belongs to an EXPRESS state machine"),
        _ => ("REDRIVABLE", null),
    };

    private static ExecutionStatus? StatusOf(string? status) => status switch
    {
        null => null,
        "RUNNING" => ExecutionStatus.Running,
        "SUCCEEDED" => ExecutionStatus.Succeeded,
        "FAILED" => ExecutionStatus.Failed,
        "TIMED_OUT" => ExecutionStatus.TimedOut,
        _ => ExecutionStatus.Aborted,
    };

    private static (long Ticks, string Arn) ParsePosition(string position)
    {
        var space = position.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && long.TryParse(position[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? (ticks, position[(space + 1)..])
            : throw new ApiErrorException("InvalidToken", "Invalid Token: the nextToken does not belong to this listing.");
    }

    /// <summary>A history event in AWS's shape; without execution data its input and output are left out.</summary>
    private static JsonObject Event(HistoryEvent e, bool withData)
    {
        var item = new JsonObject
        {
            ["timestamp"] = ApiJson.Timestamp(e.Timestamp),
            ["type"] = e.Type,
            ["id"] = e.Id,
            ["previousEventId"] = e.PreviousEventId,
        };
        if (e.DetailsName is not null && e.Details is { } details)
        {
            if (!withData)
            {
                details.Remove("input");
                details.Remove("output");
            }

            item[e.DetailsName] = details;
        }

        return item;
    }
}
