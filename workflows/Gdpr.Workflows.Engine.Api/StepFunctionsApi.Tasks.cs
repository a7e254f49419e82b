using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Execution;

namespace Gdpr.Workflows.Engine.Api;

/// <summary>SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat.</summary>
public sealed partial class StepFunctionsApi
{
    private const int MaxTokenLength = 2048;

    private async Task<JsonObject> SendTaskSuccessAsync(ApiRequest request, CancellationToken ct)
    {
        var token = request.RequiredString("taskToken", MaxTokenLength);
        var output = request.RequiredString("output", MaxInputLength);
        await AnswerAsync(token, () => Engine.SendTaskSuccessAsync(token, output, ct));
        return [];
    }

    private async Task<JsonObject> SendTaskFailureAsync(ApiRequest request, CancellationToken ct)
    {
        var token = request.RequiredString("taskToken", MaxTokenLength);
        var error = request.OptionalString("error", 256);
        var cause = request.OptionalString("cause", 32_768);
        await AnswerAsync(token, () => Engine.SendTaskFailureAsync(token, error, cause, ct));
        return [];
    }

    private async Task<JsonObject> SendTaskHeartbeatAsync(ApiRequest request, CancellationToken ct)
    {
        var token = request.RequiredString("taskToken", MaxTokenLength);
        await AnswerAsync(token, () => Engine.SendTaskHeartbeatAsync(token, ct));
        return [];
    }

    /// <summary>
    /// AWS tells a token it could never have issued (InvalidToken) from one it issued for no waiting task
    /// (TaskDoesNotExist); the engine's tokens are 48 random bytes in base64.
    /// </summary>
    private static async Task AnswerAsync(string token, Func<Task> answer)
    {
        try
        {
            await answer();
        }
        catch (StepFunctionsApiException unknown) when (unknown.Code == "TaskDoesNotExist" && !LooksIssued(token))
        {
            throw new ApiErrorException("InvalidToken", "Invalid Token: the task token is not one this endpoint issued.");
        }
    }

    private static bool LooksIssued(string token)
    {
        Span<byte> bytes = stackalloc byte[64];
        return token.Length == 64 && Convert.TryFromBase64String(token, bytes, out var written) && written == 48;
    }
}
