using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Services;

namespace Gdpr.Workflows.Stores.DynamoDb;

/// <summary>
/// The deployed systems' inbox: each task the tasks topic delivers is an item of the TaskTokens table, key
/// <c>(system-tasks:&lt;system&gt;, &lt;taskId&gt;)</c>, so a system's tasks are one Query. The item holds the task message
/// (ids, times and the token: no personal data) and expires (TTL) a day after the task's timeout. A task is open while
/// its timeout has not passed, nor its heartbeat interval since the last heartbeat the TaskCallback function kept
/// (<see cref="TaskAnswerKeys"/>), no answer is recorded for it, no newer task went to the same system for the same
/// request, and its request does not say it is over: <see cref="SystemTaskStanding.StateAsync"/>, the rule every inbox applies.
/// </summary>
public sealed class DynamoDbSystemTaskInbox(IDynamoDbClient client, DynamoDbStoreOptions options, IRequestStore requests, ITaskTokenStore tokens, TimeProvider time) : ISystemTaskInbox
{
    /// <summary>How often a long poll queries the table again.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private const string Partition = "system-tasks:";

    public async Task RecordAsync(ErasureTaskMessage message, DateTimeOffset receivedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var item = Key(message.System, message.TaskId);
        item["taskRequestId"] = Attr.S(message.RequestId);
        item["system"] = Attr.S(message.System);
        item["taskToken"] = Attr.S(message.TaskToken);
        item["heartbeatSeconds"] = Attr.N(message.HeartbeatSeconds);
        item["timeoutSeconds"] = Attr.N(message.TimeoutSeconds);
        item["receivedAt"] = Attr.S(receivedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        item["expiresAt"] = Attr.N(receivedAt.AddSeconds(message.TimeoutSeconds).AddDays(1).ToUnixTimeSeconds());
        if (message.ExpectedBy is { } expectedBy)
        {
            item["expectedBy"] = Attr.S(expectedBy.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (message.RespondBy is { } respondBy)
        {
            item["respondBy"] = Attr.S(respondBy.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        }

        try
        {
            // SNS delivers at least once: a task delivered again keeps its first receipt time.
            await client.PutItemAsync(new PutItemRequest { TableName = options.TaskTokensTable, Item = item, ConditionExpression = "attribute_not_exists(purpose)" }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // Kept already.
        }
    }

    public async Task<IReadOnlyList<SystemTask>> OpenAsync(string system, CancellationToken cancellationToken = default)
    {
        var all = await AllAsync(system, cancellationToken);
        var open = new List<SystemTask>();
        foreach (var task in all)
        {
            if ((await StandingAsync(task, all, cancellationToken)).IsOpen)
            {
                open.Add(task);
            }
        }

        return open;
    }

    public Task<IReadOnlyList<SystemTask>> WaitForOpenAsync(string system, TimeSpan wait, CancellationToken cancellationToken = default) =>
        SystemTaskStanding.WaitForOpenAsync(ct => OpenAsync(system, ct), wait, PollInterval, time, cancellationToken);

    public async Task<SystemTask?> FindAsync(string system, string taskId, CancellationToken cancellationToken = default)
    {
        var all = await AllAsync(system, cancellationToken);
        return all.FirstOrDefault(t => t.TaskId == taskId) is { } task ? await StandingAsync(task, all, cancellationToken) : null;
    }

    /// <summary>The task with the state it stands in now.</summary>
    private async Task<SystemTask> StandingAsync(SystemTask task, IReadOnlyList<SystemTask> all, CancellationToken cancellationToken) =>
        task with { State = await SystemTaskStanding.StateAsync(task, all, requests, tokens, time.GetUtcNow(), cancellationToken) };

    /// <summary>Every task kept for <paramref name="system"/>, oldest first, as kept (state "open").</summary>
    private async Task<IReadOnlyList<SystemTask>> AllAsync(string system, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(system);
        var tasks = new List<SystemTask>();
        Dictionary<string, AttributeValue>? next = null;
        do
        {
            var page = await client.QueryAsync(new QueryRequest
            {
                TableName = options.TaskTokensTable,
                KeyConditionExpression = "requestId = :p",
                ExpressionAttributeValues = new() { [":p"] = Attr.S(Partition + system) },
                ConsistentRead = true,
                ExclusiveStartKey = next,
            }, cancellationToken);
            tasks.AddRange((page.Items ?? []).Select(Read));
            next = Attr.IsEmpty(page.LastEvaluatedKey) ? null : page.LastEvaluatedKey;
        }
        while (next is not null);

        return [.. tasks.OrderBy(t => t.ReceivedAt).ThenBy(t => t.TaskId, StringComparer.Ordinal)];
    }

    private static Dictionary<string, AttributeValue> Key(string system, string taskId) => new()
    {
        ["requestId"] = Attr.S(Partition + system),
        ["purpose"] = Attr.S(taskId),
    };

    private static SystemTask Read(Dictionary<string, AttributeValue> item) => new(
        new ErasureTaskMessage(
            Attr.RequiredString(item, "taskRequestId"),
            Attr.RequiredString(item, "system"),
            Attr.RequiredString(item, "taskToken"),
            (int)Attr.Long(item, "heartbeatSeconds"),
            (int)Attr.Long(item, "timeoutSeconds"),
            Attr.String(item, "expectedBy") is { } day ? DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            Attr.String(item, "respondBy") is { } by ? Instant(by) : null),
        Instant(Attr.RequiredString(item, "receivedAt")),
        SystemTask.Open);

    private static DateTimeOffset Instant(string text) => DateTimeOffset.ParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
