using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Reliability.Hosting;

/// <summary>
/// An async system's side of the callback API over HTTP (POST /tasks/callback with that system's own token), as a real
/// adapter outside the host calls it: 404 is an unknown token, 409 a used one, anything else a host that is not there.
/// Every token it handles is kept, so the scenario can check none of them shows up in logs, status or history.
/// </summary>
internal sealed class HttpTaskCallbacks(ApiClient api, string system) : ITaskCallbacks
{
    public ConcurrentDictionary<string, byte> TokensSeen { get; } = new(StringComparer.Ordinal);

    private int answers;

    /// <summary>Answers the host took (200).</summary>
    public int Answers => Volatile.Read(ref answers);

    public Task CompleteAsync(string taskToken, ErasureAnswer answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var body = answer.ToJson();
        // As a system following the erasure-task contract sends it: only the receipt's fields that apply (the contract
        // refuses a retention ground, even null, on an erased answer).
        if (body["receipt"] is JsonObject receipt)
        {
            foreach (var empty in receipt.Where(p => p.Value is null).Select(p => p.Key).ToList())
            {
                receipt.Remove(empty);
            }
        }

        body["taskToken"] = taskToken;
        return SendAsync(taskToken, body, cancellationToken);
    }

    public Task HeartbeatAsync(string taskToken, CancellationToken cancellationToken = default) =>
        SendAsync(taskToken, new JsonObject { ["taskToken"] = taskToken, ["heartbeat"] = true }, cancellationToken);

    public Task FailAsync(string taskToken, string error, CancellationToken cancellationToken = default) =>
        SendAsync(taskToken, new JsonObject { ["taskToken"] = taskToken, ["error"] = error }, cancellationToken);

    private async Task SendAsync(string taskToken, JsonObject body, CancellationToken cancellationToken)
    {
        TokensSeen.TryAdd(taskToken, 0);
        var answer = await api.PostAsSystemAsync("tasks/callback", system, body, cancellationToken);
        switch (answer.Status)
        {
            case 200:
                Interlocked.Increment(ref answers);
                return;
            case 404:
                throw new NotFoundException("The task token is not known.");
            case 409:
                throw new ConflictException("The task was answered already or has ended.");
            default:
                throw new HostDownException($"POST /tasks/callback answered {answer.Status} {answer.ErrorCode}.");
        }
    }
}
