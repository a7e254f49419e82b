using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gdpr.Workflows.Engine.Data;
using Gdpr.Workflows.Engine.Execution;

namespace Gdpr.Workflows.Engine.Integrations.Lambda;

/// <summary>
/// Runs Task states that call Lambda, the two ways Step Functions offers:
/// <list type="bullet">
/// <item><c>arn:aws:states:::lambda:invoke</c> (and <c>.waitForTaskToken</c>): Parameters are Invoke's request
/// (<c>FunctionName</c>, <c>Payload</c>, <c>Qualifier</c>, <c>InvocationType</c>, <c>LogType</c>); the result is
/// Invoke's response envelope with the parsed <c>Payload</c>.</item>
/// <item><c>arn:aws:lambda:region:account:function:name[:qualifier]</c>: the effective input is the payload and
/// the result is the function's response payload itself.</item>
/// </list>
/// A function error fails the task with the function's errorType as error name and Lambda's error object
/// (<c>errorMessage</c>, <c>errorType</c>, <c>requestId</c>, <c>stackTrace</c>) as cause.
/// </summary>
public sealed partial class LambdaIntegration(ILambdaFunctionRegistry functions, TimeProvider? timeProvider = null) : ITaskIntegration
{
    /// <summary>Step Functions' limit on a task result (256 KiB).</summary>
    public const int MaxResultBytes = 256 * 1024;

    private readonly TimeProvider time = timeProvider ?? TimeProvider.System;
    private readonly ConcurrentDictionary<Task, byte> asyncInvocations = new();
    private readonly ConcurrentQueue<Exception> asyncInvocationFailures = new();

    /// <summary>Errors of functions invoked with <c>InvocationType: Event</c>, which do not fail the task.</summary>
    public IReadOnlyCollection<Exception> AsyncInvocationFailures => asyncInvocationFailures;

    public bool CanHandle(string resource) => IsOptimisedInvoke(resource) || IsFunctionArn(resource);

    public async Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (invocation.Pattern == IntegrationPattern.Sync)
        {
            throw new TaskFailedException(
                ErrorNames.Runtime, $"The resource '{invocation.Resource}' does not support the .sync integration pattern.");
        }

        return IsOptimisedInvoke(invocation.Resource)
            ? await InvokeOptimisedAsync(invocation, cancellationToken)
            : await InvokeFunctionArnAsync(invocation, cancellationToken);
    }

    /// <summary>Waits for the functions started with <c>InvocationType: Event</c> to finish.</summary>
    public Task WaitForAsyncInvocationsAsync() => Task.WhenAll(asyncInvocations.Keys);

    private async Task<JsonNode?> InvokeFunctionArnAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var function = functions.Resolve(invocation.Resource);
        var requestId = RequestIdOf(invocation);
        var outcome = await RunHandlerAsync(function, invocation.Parameters?.DeepClone(), invocation, requestId, cancellationToken);
        if (outcome.Error is { } error)
        {
            // Step Functions hands on the runtime's own error text here; the corpus' functions run on Python.
            throw new TaskFailedException(error.ErrorType, PythonStyleJson.Serialize(error.ToJson(requestId)));
        }

        EnsureWithinLimit(outcome.Payload, invocation.Resource);
        return outcome.Payload;
    }

    private async Task<JsonNode?> InvokeOptimisedAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var request = InvokeRequest.From(invocation.Parameters, RequestIdOf(invocation));
        var function = functions.Resolve(request.QualifiedFunctionName);
        var requestId = RequestIdOf(invocation);

        switch (request.InvocationType)
        {
            case "DryRun":
                return Envelope(function, payload: JsonValue.Create(string.Empty), payloadText: string.Empty, 204, requestId, logResult: null);
            case "Event":
                StartInBackground(function, request.Payload, invocation, requestId);
                return Envelope(function, payload: JsonValue.Create(string.Empty), payloadText: string.Empty, 202, requestId, logResult: null);
        }

        var started = time.GetTimestamp();
        var outcome = await RunHandlerAsync(function, request.Payload, invocation, requestId, cancellationToken);
        if (outcome.Error is { } error)
        {
            throw new TaskFailedException(error.ErrorType, JsonSerializer.Serialize(error.ToJson(requestId), Json.Compact));
        }

        var logResult = request.LogType == "Tail"
            ? LogTail(function, requestId, time.GetElapsedTime(started))
            : null;
        var result = Envelope(function, outcome.Payload, PythonStyleJson.Serialize(outcome.Payload), 200, requestId, logResult);
        EnsureWithinLimit(result, "lambda");
        return result;
    }

    private async Task<HandlerOutcome> RunHandlerAsync(
        LambdaFunctionBinding function,
        JsonNode? payload,
        TaskInvocation invocation,
        string requestId,
        CancellationToken cancellationToken)
    {
        var context = new LambdaInvocationContext(
            function.FunctionName,
            function.InvokedFunctionArn,
            function.ExecutedVersion,
            requestId,
            invocation.ExecutionArn,
            invocation.StateName,
            invocation.Attempt,
            invocation.IdempotencyKey,
            invocation.TimeoutSeconds is { } seconds ? time.GetUtcNow().AddSeconds(seconds) : null);
        try
        {
            var response = await function.Handler(payload, context, cancellationToken);

            // A handler may return (part of) a node it still holds; the engine gets its own copy.
            return new HandlerOutcome(response?.DeepClone(), null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // the engine cancelled the task (timeout, stop): not a function error
        }
        catch (LambdaFunctionException e)
        {
            return new HandlerOutcome(null, new FunctionError(e.ErrorType, e.ErrorMessage, e.ReportedStackTrace ?? StackLines(e)));
        }
#pragma warning disable CA1031 // Any exception from user code is a function error, as in Lambda.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new HandlerOutcome(null, new FunctionError(e.GetType().Name, e.Message, StackLines(e)));
        }
    }

    private void StartInBackground(LambdaFunctionBinding function, JsonNode? payload, TaskInvocation invocation, string requestId)
    {
        var run = Task.Run(async () =>
        {
            var outcome = await RunHandlerAsync(function, payload, invocation, requestId, CancellationToken.None);
            if (outcome.Error is { } error)
            {
                asyncInvocationFailures.Enqueue(new LambdaFunctionException(error.ErrorType, error.ErrorMessage, error.StackTrace));
            }
        });
        asyncInvocations.TryAdd(run, 0);
        run.ContinueWith(t => asyncInvocations.TryRemove(t, out _), TaskScheduler.Default);
    }

    private JsonObject Envelope(LambdaFunctionBinding function, JsonNode? payload, string payloadText, int statusCode, string requestId, string? logResult)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (logResult is not null)
        {
            headers.Add(new("X-Amz-Log-Result", logResult));
        }

        if (statusCode == 200)
        {
            headers.Add(new("X-Amz-Executed-Version", function.ExecutedVersion));
        }

        headers.AddRange(
        [
            new("x-amzn-Remapped-Content-Length", "0"),
            new("Connection", "keep-alive"),
            new("x-amzn-RequestId", requestId),
            new("Content-Length", Encoding.UTF8.GetByteCount(payloadText).ToString(CultureInfo.InvariantCulture)),
            new("Date", AwsServiceResponses.HttpDate(time.GetUtcNow())),
            new("X-Amzn-Trace-Id", TraceId(requestId)),
            new("Content-Type", "application/json"),
        ]);

        var envelope = new JsonObject();
        if (statusCode == 200)
        {
            envelope["ExecutedVersion"] = function.ExecutedVersion;
        }

        if (logResult is not null)
        {
            envelope["LogResult"] = logResult;
        }

        envelope["Payload"] = payload;
        envelope["SdkHttpMetadata"] = AwsServiceResponses.HttpMetadata(headers, statusCode);
        envelope["SdkResponseMetadata"] = AwsServiceResponses.ResponseMetadata(requestId);
        envelope["StatusCode"] = statusCode;
        return envelope;
    }

    private static void EnsureWithinLimit(JsonNode? result, string taskName)
    {
        var size = Json.Utf8Length(result);
        if (size > MaxResultBytes)
        {
            throw new TaskFailedException(
                ErrorNames.DataLimitExceeded,
                $"The state/task '{taskName}' returned a result with a size exceeding the maximum number of bytes service limit.");
        }
    }

    private static string RequestIdOf(TaskInvocation invocation) =>
        AwsServiceResponses.DeterministicUuid("lambda:" + invocation.IdempotencyKey);

    private static string TraceId(string requestId) =>
        $"Root=1-{requestId[..8]}-{requestId.Replace("-", string.Empty, StringComparison.Ordinal)[8..32]};Sampled=0";

    private static string LogTail(LambdaFunctionBinding function, string requestId, TimeSpan duration)
    {
        var log = string.Create(
            CultureInfo.InvariantCulture,
            $"START RequestId: {requestId} Version: {function.ExecutedVersion}\nEND RequestId: {requestId}\nREPORT RequestId: {requestId}\tDuration: {duration.TotalMilliseconds:0.00} ms\t\n");
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(log));
    }

    private static List<string> StackLines(Exception e) =>
        (e.StackTrace ?? string.Empty)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToList();

    private static bool IsOptimisedInvoke(string resource) => OptimisedInvokeResource().IsMatch(resource);

    private static bool IsFunctionArn(string resource) => FunctionArnResource().IsMatch(resource);

    [GeneratedRegex("^arn:[^:]+:states:::lambda:invoke$")]
    private static partial Regex OptimisedInvokeResource();

    [GeneratedRegex("^arn:[^:]+:lambda:[^:]+:[^:]+:function:[^:]+(:[^:]+)?$")]
    private static partial Regex FunctionArnResource();

    private sealed record HandlerOutcome(JsonNode? Payload, FunctionError? Error);

    private sealed record FunctionError(string ErrorType, string ErrorMessage, IReadOnlyList<string> StackTrace)
    {
        public JsonObject ToJson(string requestId) => new()
        {
            ["errorMessage"] = ErrorMessage,
            ["errorType"] = ErrorType,
            ["requestId"] = requestId,
            ["stackTrace"] = new JsonArray([.. StackTrace.Select(line => (JsonNode?)JsonValue.Create(line))]),
        };
    }
}
