using Gdpr.Workflows.Erasure.Contracts;

namespace Gdpr.Workflows.Erasure.Ports;

/// <summary>
/// The callback API an async system answers its erasure task through (POST /tasks/callback): in process the
/// task-callback service itself, remotely an HTTP client. Errors: an unknown token is
/// <see cref="Errors.NotFoundException"/>, a used or expired one <see cref="Errors.ConflictException"/>.
/// </summary>
public interface ITaskCallbacks
{
    /// <summary>The system's answer: completes the task with exactly <c>{outcome, receipt}</c>.</summary>
    Task CompleteAsync(string taskToken, ErasureAnswer answer, CancellationToken cancellationToken = default);

    /// <summary>The system is still working on it.</summary>
    Task HeartbeatAsync(string taskToken, CancellationToken cancellationToken = default);

    /// <summary>
    /// The system could not erase: <paramref name="error"/> is <see cref="Errors.ErasureErrorTypes.TransientError"/>
    /// to be asked again later, or another error name for a permanent failure.
    /// </summary>
    Task FailAsync(string taskToken, string error, CancellationToken cancellationToken = default);
}
