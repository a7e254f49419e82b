using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data;

namespace Gdpr.Workflows.Engine.Integrations.Lambda;

/// <summary>The Parameters of an optimised <c>lambda:invoke</c> task, read as Lambda's Invoke request.</summary>
internal sealed record InvokeRequest(string QualifiedFunctionName, JsonNode? Payload, string InvocationType, string? LogType)
{
    private const string PayloadField = "Payload";

    public static InvokeRequest From(JsonNode? parameters, string requestId)
    {
        if (parameters is not JsonObject fields || !TryGetString(fields, "FunctionName", out var functionName))
        {
            throw new TaskFailedException(
                ErrorNames.Runtime, "The lambda:invoke parameters must be an object with a string field 'FunctionName'.");
        }

        TryGetString(fields, "Qualifier", out var qualifier);
        TryGetString(fields, "InvocationType", out var invocationType);
        TryGetString(fields, "LogType", out var logType);
        return new InvokeRequest(
            Qualify(functionName, qualifier, requestId),
            PayloadOf(fields[PayloadField], requestId),
            invocationType ?? "RequestResponse",
            logType);
    }

    /// <summary>
    /// What the function receives: no payload is Lambda's empty event <c>{}</c>; a string is sent as the raw
    /// request body, so it must itself be JSON text; any other value is sent as JSON.
    /// </summary>
    private static JsonNode? PayloadOf(JsonNode? payload, string requestId)
    {
        if (payload is null)
        {
            return new JsonObject();
        }

        if (payload is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            return payload.DeepClone();
        }

        var text = value.GetValue<string>();
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            throw new TaskFailedException(
                "Lambda.InvalidRequestContentException",
                AwsServiceResponses.ErrorCause(
                    "Could not parse request body into json: Could not parse payload into json",
                    "AWSLambda",
                    400,
                    "InvalidRequestContentException",
                    requestId));
        }
    }

    /// <summary>Folds the Qualifier parameter into the function name, as Invoke does.</summary>
    private static string Qualify(string functionName, string? qualifier, string requestId)
    {
        var requested = qualifier == LambdaFunctionIdentifier.LatestVersion ? null : qualifier;
        if (requested is null || !LambdaFunctionIdentifier.TryParse(functionName, out var id))
        {
            return functionName;
        }

        if (id.Qualifier is null)
        {
            return $"{functionName}:{requested}";
        }

        return id.Qualifier == requested
            ? functionName
            : throw new TaskFailedException(
                "Lambda.InvalidParameterValueException",
                AwsServiceResponses.ErrorCause(
                    "The derived qualifier from the function name does not match the specified qualifier.",
                    "AWSLambda",
                    400,
                    "InvalidParameterValueException",
                    requestId));
    }

    private static bool TryGetString(JsonObject fields, string name, [NotNullWhen(true)] out string? value)
    {
        value = fields[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        return value is not null;
    }
}
