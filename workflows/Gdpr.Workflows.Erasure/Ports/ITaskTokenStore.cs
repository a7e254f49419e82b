namespace Gdpr.Workflows.Erasure.Ports;

/// <summary>
/// A Step Functions task token kept so a later answer (an officer's decision, an async system's callback) can
/// complete the waiting task. The token is a credential: whoever holds it can complete the task. It is never
/// logged, audited or returned by a status or history path; <see cref="ToString"/> redacts it.
/// </summary>
/// <param name="RequestId">The request the task belongs to.</param>
/// <param name="Purpose">What the task waits for: <see cref="TaskTokenPurposes.IdentityVerification"/> or <see cref="TaskTokenPurposes.ForSystem"/>.</param>
/// <param name="TaskToken">The token itself.</param>
/// <param name="ExecutionId">The execution that issued it.</param>
/// <param name="StoredAt">When it was stored.</param>
/// <param name="ExpiresAt">After this the task has timed out anyway and the record may be dropped (DynamoDB TTL).</param>
public sealed record TaskTokenRecord(string RequestId, string Purpose, string TaskToken, string ExecutionId, DateTimeOffset StoredAt, DateTimeOffset? ExpiresAt)
{
    public override string ToString() => $"TaskToken {{ RequestId = {RequestId}, Purpose = {Purpose}, ExecutionId = {ExecutionId}, TaskToken = <redacted> }}";
}

/// <summary>The purposes tokens are stored under.</summary>
public static class TaskTokenPurposes
{
    public const string IdentityVerification = "identity-verification";

    /// <summary>"system:&lt;name&gt;": the task an async system answers.</summary>
    public static string ForSystem(string system)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(system);
        return "system:" + system;
    }
}

/// <summary>
/// Task tokens by (request id, purpose): one per key, the latest stored wins (a restarted execution issues a
/// new token for the same wait). DynamoDB: the TaskTokens table, key (requestId, purpose).
/// </summary>
public interface ITaskTokenStore
{
    /// <summary>Stores the token, replacing any earlier one under the same key.</summary>
    Task PutAsync(TaskTokenRecord record, CancellationToken cancellationToken = default);

    /// <summary>The token under the key, or null.</summary>
    Task<TaskTokenRecord?> GetAsync(string requestId, string purpose, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes and returns the token atomically (DynamoDB: DeleteItem with ReturnValues ALL_OLD), so two
    /// concurrent takers cannot both get it. Null when there is none (never stored, or taken already).
    /// </summary>
    Task<TaskTokenRecord?> TakeAsync(string requestId, string purpose, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the token only if it is still <paramref name="taskToken"/> (a newer one is kept).
    /// True when something was removed.
    /// </summary>
    Task<bool> DeleteIfMatchesAsync(string requestId, string purpose, string taskToken, CancellationToken cancellationToken = default);
}
