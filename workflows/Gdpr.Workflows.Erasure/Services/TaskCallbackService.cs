using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>
/// Answers waiting tasks (the TaskCallback function): an async system's answer by its task token
/// (POST /tasks/callback), and the officers' identity decision (POST /requests/{id}/verification), which
/// <see cref="VerificationService"/> carries out.
/// </summary>
/// <remarks>
/// The token is the capability: it is checked for shape, passed to the engine and never stored, logged or echoed.
/// An unknown token is <see cref="NotFoundException"/>; a token whose task was answered already or timed out is
/// <see cref="ConflictException"/> (a token works once).
/// </remarks>
public sealed class TaskCallbackService(IWorkflowTasks tasks, VerificationService verification) : ITaskCallbacks
{
    /// <summary>Step Functions task tokens are at most 1024 characters.</summary>
    public const int MaxTokenLength = 1024;

    /// <inheritdoc />
    public async Task CompleteAsync(string taskToken, ErasureAnswer answer, CancellationToken cancellationToken = default)
    {
        CheckToken(taskToken);
        ArgumentNullException.ThrowIfNull(answer);
        Check(await tasks.SendSuccessAsync(taskToken, answer.ToJson().ToJsonString(), cancellationToken));
    }

    /// <inheritdoc />
    public async Task HeartbeatAsync(string taskToken, CancellationToken cancellationToken = default)
    {
        CheckToken(taskToken);
        Check(await tasks.SendHeartbeatAsync(taskToken, cancellationToken));
    }

    /// <inheritdoc />
    public async Task FailAsync(string taskToken, string error, CancellationToken cancellationToken = default)
    {
        CheckToken(taskToken);
        var name = SafeText.ErrorName(error);
        if (name == SafeText.UnnamedError)
        {
            throw new InvalidInputException("'error' must be an error name such as Erasure.TransientError (letters, digits, '.', '_', ':' or '-').");
        }

        var cause = name == ErasureErrorTypes.TransientError
            ? "The system could not erase now and asks to be asked again."
            : "The system reported that it cannot erase.";
        Check(await tasks.SendFailureAsync(taskToken, name, cause, cancellationToken));
    }

    /// <summary>
    /// The officers' decision on the requester's identity: <paramref name="verified"/> with a method code, or rejected
    /// with a reason code. See <see cref="VerificationService.VerifyAsync"/> and <see cref="VerificationService.RejectAsync"/>.
    /// </summary>
    public Task<VerificationDecision> DecideIdentityAsync(string requestId, bool verified, string code, string officer, CancellationToken cancellationToken = default) =>
        verified
            ? verification.VerifyAsync(requestId, code, officer, cancellationToken)
            : verification.RejectAsync(requestId, code, officer, cancellationToken);

    /// <summary>As above; a verification's clock starts on <paramref name="informationReceivedOn"/>, the day the identity information arrived.</summary>
    public Task<VerificationDecision> DecideIdentityAsync(string requestId, bool verified, string code, DateOnly? informationReceivedOn, string officer, CancellationToken cancellationToken = default) =>
        verified
            ? verification.VerifyAsync(requestId, code, informationReceivedOn, officer, cancellationToken)
            : verification.RejectAsync(requestId, code, officer, cancellationToken);

    private static void CheckToken(string taskToken)
    {
        if (string.IsNullOrEmpty(taskToken) || taskToken.Length > MaxTokenLength || taskToken.Any(char.IsControl))
        {
            throw new InvalidInputException($"'taskToken' must be 1 to {MaxTokenLength} characters.");
        }
    }

    private static void Check(TaskAnswerResult result)
    {
        switch (result)
        {
            case TaskAnswerResult.UnknownToken:
                throw new NotFoundException("The task token is not known: it was never issued, or it has expired.");
            case TaskAnswerResult.TaskClosed:
                throw new ConflictException("The task was already answered, timed out, or its workflow ended: a task token works once.");
        }
    }
}
