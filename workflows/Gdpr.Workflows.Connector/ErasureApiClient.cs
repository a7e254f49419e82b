using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Polly;
using Polly.Retry;

namespace Gdpr.Workflows.Connector;

/// <summary>How the API took an answer.</summary>
public enum AnswerStatus
{
    /// <summary>Taken (or taken before: the same answer again is not an error).</summary>
    Delivered,

    /// <summary>The task can no longer be answered (answered otherwise, timed out, cancelled): 409.</summary>
    Closed,

    /// <summary>The token is not one of this system's tasks: 404.</summary>
    Unknown,
}

/// <summary>
/// The erasure API as a system calls it: its tasks (long poll), a task's subject, answers. Network faults, 408, 429
/// and 5xx are retried with exponential backoff and jitter (Polly); other statuses are final.
/// </summary>
public sealed class ErasureApiClient : IDisposable
{
    private readonly HttpClient http;
    private readonly ResiliencePipeline retry;

    public ErasureApiClient(ConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        http = options.CreateHttpClient();
        retry = new ResiliencePipelineBuilder { TimeProvider = options.Time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<TransientApiException>()
                    .Handle<TaskCanceledException>(e => !e.CancellationToken.IsCancellationRequested),
                MaxRetryAttempts = Math.Max(0, options.AnswerAttempts - 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = TimeSpan.FromMinutes(1),
            })
            .Build();
    }

    /// <summary><c>GET /tasks?wait=N</c>: the system's tasks that can be answered (empty after the wait).</summary>
    public async Task<IReadOnlyList<ErasureTask>> GetTasksAsync(TimeSpan wait, CancellationToken cancellationToken = default)
    {
        var body = await SendAsync(HttpMethod.Get, $"tasks?wait={(int)Math.Clamp(wait.TotalSeconds, 0, 20)}", null, cancellationToken);
        return [.. (body?["tasks"] as JsonArray ?? []).Select(ErasureTask.TryParse).OfType<ErasureTask>()];
    }

    /// <summary><c>GET /tasks/{taskId}/subject</c>: the identifiers for the task.</summary>
    public async Task<ErasureSubject> GetSubjectAsync(ErasureTask task, CancellationToken cancellationToken = default)
    {
        var body = await SendAsync(HttpMethod.Get, $"tasks/{Uri.EscapeDataString(task.TaskId)}/subject", null, cancellationToken)
            ?? throw new InvalidOperationException("The subject answer was empty.");
        var identifiers = (body["identifiers"] as JsonArray ?? [])
            .Select(i => new SubjectIdentifier(i!["kind"]!.GetValue<string>(), i["value"]!.GetValue<string>()))
            .ToList();
        return new ErasureSubject(task.RequestId, identifiers);
    }

    /// <summary><c>POST /tasks/callback</c> with one answer (answer.schema.json), retried while the API cannot take it.</summary>
    public async Task<AnswerStatus> AnswerAsync(JsonObject answer, CancellationToken cancellationToken = default)
    {
        try
        {
            await SendAsync(HttpMethod.Post, "tasks/callback", answer, cancellationToken);
            return AnswerStatus.Delivered;
        }
        catch (ApiException e) when (e.Status == HttpStatusCode.Conflict)
        {
            return AnswerStatus.Closed;
        }
        catch (ApiException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return AnswerStatus.Unknown;
        }
    }

    public void Dispose() => http.Dispose();

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken) =>
        await retry.ExecuteAsync(
            async ct =>
            {
                using var request = new HttpRequestMessage(method, path);
                if (body is not null)
                {
                    request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
                }

                using var response = await http.SendAsync(request, ct);
                var text = await response.Content.ReadAsStringAsync(ct);
                if (response.IsSuccessStatusCode)
                {
                    return text.Length == 0 ? null : JsonNode.Parse(text);
                }

                if (response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
                {
                    throw new TransientApiException(response.StatusCode);
                }

                throw new ApiException(response.StatusCode, text);
            },
            cancellationToken);
}

/// <summary>The API refused a call (4xx other than 408/429); the body says why (never personal data).</summary>
public sealed class ApiException(HttpStatusCode status, string body) : Exception($"The erasure API answered {(int)status}: {body}")
{
    public HttpStatusCode Status { get; } = status;
}

/// <summary>A status worth retrying (408, 429, 5xx).</summary>
public sealed class TransientApiException(HttpStatusCode status) : Exception($"The erasure API answered {(int)status}; trying again.")
{
    public HttpStatusCode Status { get; } = status;
}
