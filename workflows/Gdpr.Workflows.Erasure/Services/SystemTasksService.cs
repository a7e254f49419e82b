using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Erasure.Vault;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>
/// An async system's pull (erasure-task contract v1): its open tasks (a long poll of up to
/// <see cref="MaxWaitSeconds"/>), and a task's subject, disclosed only to the system the task was sent to and only
/// while the task can still be answered. Another system's task is "not found" for the caller, so nobody learns whether
/// it exists. The identifiers go back to the caller only; nothing here is audited with them or passed to a workflow.
/// </summary>
public sealed class SystemTasksService(ISystemTaskInbox inbox, ISubjectSource subjects, TimeProvider time)
{
    /// <summary>The longest long poll, in seconds (as SQS's ReceiveMessage; under API Gateway's 30-second limit).</summary>
    public const int MaxWaitSeconds = 20;

    /// <summary>Keeps a task the tasks topic delivered (idempotent by token).</summary>
    public Task RecordAsync(ErasureTaskMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return inbox.RecordAsync(message, time.GetUtcNow(), cancellationToken);
    }

    /// <summary>The open tasks of <paramref name="system"/>, waiting up to <paramref name="waitSeconds"/> for one.</summary>
    /// <exception cref="InvalidInputException">The wait is outside 0 to <see cref="MaxWaitSeconds"/>.</exception>
    public Task<IReadOnlyList<SystemTask>> OpenAsync(string system, int waitSeconds, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(system);
        if (waitSeconds is < 0 or > MaxWaitSeconds)
        {
            throw new InvalidInputException($"'wait' must be a whole number of seconds from 0 to {MaxWaitSeconds}.");
        }

        return waitSeconds == 0 ? inbox.OpenAsync(system, cancellationToken) : inbox.WaitForOpenAsync(system, TimeSpan.FromSeconds(waitSeconds), cancellationToken);
    }

    /// <summary>The identifiers <paramref name="system"/> needs for its open task <paramref name="taskId"/>.</summary>
    /// <exception cref="InvalidInputException">The task id is not 64 lower-case hex digits.</exception>
    /// <exception cref="NotFoundException">The system has no such task.</exception>
    /// <exception cref="ConflictException">The task can no longer be answered.</exception>
    public async Task<(SystemTask Task, SubjectIdentifiers Identifiers)> SubjectAsync(string system, string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(system);
        if (taskId is not { Length: 64 } || !taskId.All(char.IsAsciiHexDigitLower))
        {
            throw new InvalidInputException("The task id is malformed: it is the task message's taskId, 64 lower-case hex digits.");
        }

        var task = await inbox.FindAsync(system, taskId, cancellationToken)
            ?? throw new NotFoundException($"No task {taskId} of system {system}: 'GET /tasks' lists them.");
        if (!task.IsOpen || time.GetUtcNow() >= task.DueAt)
        {
            throw new ConflictException($"Task {taskId} can no longer be answered ({(task.IsOpen ? "timed_out" : task.State)}), so its subject is not disclosed.");
        }

        return (task, await subjects.GetAsync(task.Message.RequestId, cancellationToken));
    }
}
