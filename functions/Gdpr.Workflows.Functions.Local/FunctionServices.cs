using Gdpr.Workflows.Contracts;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Functions.Reminders;
using Gdpr.Workflows.Functions.VaultShredder;

namespace Gdpr.Workflows.Functions.Local;

/// <summary>
/// The service instances behind the functions, shared by every handler the local host deploys (and by whatever else
/// the host runs on the same stores, e.g. CLI commands). <see cref="Create"/> builds them all from one set of ports.
/// </summary>
public sealed class FunctionServices
{
    public required LedgerService Ledger { get; init; }

    public required VerificationService Verification { get; init; }

    public required SystemsService Systems { get; init; }

    public required SyncEraseService SyncErase { get; init; }

    public required RecipientsService Recipients { get; init; }

    public required FinalizerService Finalizer { get; init; }

    public required ShredService Shredder { get; init; }

    public required ReplyService Reply { get; init; }

    /// <summary>
    /// The shredder's answer to the ExecutionEnded rule (keeps a redrivable request's identifiers). No sweep: the local
    /// host has no redrive window to wait out, and its ExecutionEnded handling does not call the shredder.
    /// </summary>
    public ExecutionEndedShredding? ShredAfterExecutionEnded { get; init; }

    public required IntakeService Intake { get; init; }

    public required StatusService Status { get; init; }

    public required HistoryService History { get; init; }

    public required CancelService Cancel { get; init; }

    public required TaskCallbackService TaskCallbacks { get; init; }

    /// <summary>The officers' deadline actions: extend, pause, resume (the Deadline function's).</summary>
    public required DeadlineService Deadline { get; init; }

    /// <summary>Art. 12(5) refusals (the Refusal function's).</summary>
    public required RefusalService Refusal { get; init; }

    /// <summary>An officer's retry (the Retry function's).</summary>
    public required RetryService Retry { get; init; }

    /// <summary>Answers to async systems' tasks, idempotent by task id (the TaskCallback function's).</summary>
    public required RecordedTaskAnswers TaskAnswers { get; init; }

    public required RemindersService Reminders { get; init; }

    /// <summary>The systems' pull (the Tasks function); absent where no task inbox is kept.</summary>
    public SystemTasksService? SystemTasks { get; init; }

    public required RetentionFollowUpService RetentionFollowUp { get; init; }

    /// <summary>Where the Reminders function publishes OverdueRequests; locally nothing watches it, so it is kept in memory.</summary>
    public IOverdueRequestsMetric OverdueMetric { get; init; } = new InMemoryOverdueRequestsMetric();

    /// <summary>Every service over the same ports, as one process hosting all functions needs them.</summary>
    public static FunctionServices Create(FunctionPorts ports)
    {
        ArgumentNullException.ThrowIfNull(ports);
        var time = ports.TimeProvider;
        var shredder = new ShredService(ports.Vault, ports.Audit, ports.Requests, time);
        var verification = new VerificationService(ports.Requests, ports.TaskTokens, ports.WorkflowTasks, ports.Officers, ports.Audit, ports.Deadlines, time);
        var callbacks = new TaskCallbackService(ports.WorkflowTasks, verification);
        var ledger = new LedgerService(ports.Requests, ports.Audit, ports.Deadlines, time);
        var syncErase = new SyncEraseService(ports.Registry, ports.Vault, ports.Connectors, ports.Deadlines, time);
        var reply = new ReplyService(ports.Requests, ports.Vault, ports.Audit, ports.Replies, ports.ReplyTemplates, ports.Deadlines, time, ports.Registry);
        var executions = ports.Executions ?? ports.Workflow as IWorkflowExecutions
            ?? throw new ArgumentException("Give FunctionPorts.Executions: the workflow does not describe executions.", nameof(ports));
        var reopen = new ReopenService(ports.Requests, ports.Vault, ports.Workflow, ports.Audit, time);
        return new FunctionServices
        {
            Ledger = ledger,
            Verification = verification,
            Systems = new SystemsService(ports.Requests, ports.Registry, time),
            SyncErase = syncErase,
            Recipients = new RecipientsService(ports.Registry, ports.Vault, ports.RecipientNotifier),
            Finalizer = new FinalizerService(ports.Requests, ports.Audit, time),
            Shredder = shredder,
            Reply = reply,
            ShredAfterExecutionEnded = new ExecutionEndedShredding(shredder, ports.Vault, ports.Requests, executions: null, time),
            Intake = new IntakeService(ports.Requests, ports.Vault, ports.SubjectHasher, ports.Audit, ports.Workflow, ports.Deadlines, ports.Ids, time, ports.PhoneDefaults),
            Status = new StatusService(ports.Requests, ports.Deadlines, ports.SubjectHasher, time, ports.PhoneDefaults),
            History = new HistoryService(ports.Audit),
            Cancel = new CancelService(ports.Requests, ports.Workflow, ports.Audit, time),
            TaskCallbacks = callbacks,
            Deadline = new DeadlineService(ports.Requests, ports.Audit, ports.Deadlines, time),
            Refusal = new RefusalService(ports.Requests, ports.Workflow, ports.Audit, reply, time),
            Retry = new RetryService(ports.Requests, reopen, ports.Workflow, executions, ports.Registry, syncErase, ledger, ports.Audit),
            TaskAnswers = new RecordedTaskAnswers(callbacks, ports.TaskTokens, time),
            Reminders = new RemindersService(ports.Requests, ports.Officers, ports.Deadlines, time),
            RetentionFollowUp = new RetentionFollowUpService(ports.Requests, ports.Vault, ports.Workflow, ports.Audit, ports.Deadlines, ports.Officers, time),
            OverdueMetric = ports.OverdueMetric,
            SystemTasks = ports.SystemTasks is { } inbox ? new SystemTasksService(inbox, new VaultSubjectSource(ports.Vault), time) : null,
        };
    }
}
