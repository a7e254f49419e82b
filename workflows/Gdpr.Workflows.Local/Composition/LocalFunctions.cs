using Gdpr.Workflows.Engine.Integrations.Lambda;
using Gdpr.Workflows.Engine.Sam;
using Gdpr.Workflows.Functions.Cancel;
using Gdpr.Workflows.Functions.Deadline;
using Gdpr.Workflows.Functions.Finalizer;
using Gdpr.Workflows.Functions.History;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.Intake;
using Gdpr.Workflows.Functions.Ledger;
using Gdpr.Workflows.Functions.Recipients;
using Gdpr.Workflows.Functions.Refusal;
using Gdpr.Workflows.Functions.Reminders;
using Gdpr.Workflows.Functions.Reply;
using Gdpr.Workflows.Functions.Retry;
using Gdpr.Workflows.Functions.Status;
using Gdpr.Workflows.Functions.SyncErase;
using Gdpr.Workflows.Functions.Systems;
using Gdpr.Workflows.Functions.TaskCallback;
using Gdpr.Workflows.Functions.Tasks;
using Gdpr.Workflows.Functions.VaultShredder;
using Gdpr.Workflows.Functions.Verification;
using RuntimeFunctionException = Gdpr.Workflows.LambdaRuntime.LambdaFunctionException;

namespace Gdpr.Workflows.Local.Composition;

/// <summary>
/// Every function of template.yaml as an in-process handler, keyed by its LocalHandler name (the CodeUri folder,
/// e.g. <c>Gdpr.Workflows.Functions.Ledger</c>), over the host's one set of <see cref="LocalServices"/>, for
/// <c>SamDeployment.Deploy(engine, template, LocalFunctions.Handlers(services))</c> and the local HTTP API's routes.
/// The same function classes run on Lambda; here a failure reaches the engine with the error type Lambda would report.
/// </summary>
public static class LocalFunctions
{
    /// <summary>The prefix of every function project, and so of every LocalHandler name.</summary>
    public const string Prefix = "Gdpr.Workflows.Functions.";

    /// <summary>The functions themselves, by LocalHandler name (to call an API function directly, say).</summary>
    public static IReadOnlyDictionary<string, IJsonFunction> Functions(LocalServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var functions = new Dictionary<string, IJsonFunction>(StringComparer.Ordinal)
        {
            [Prefix + "Ledger"] = new LedgerFunction(services.Ledger),
            [Prefix + "Verification"] = new VerificationFunction(services.Verification),
            [Prefix + "Systems"] = new SystemsFunction(services.Systems),
            [Prefix + "SyncErase"] = new SyncEraseFunction(services.SyncErase),
            [Prefix + "Recipients"] = new RecipientsFunction(services.RecipientsNotification),
            [Prefix + "Finalizer"] = new FinalizerFunction(services.Finalizer),
            [Prefix + "Reply"] = new ReplyFunction(services.Reply),
            [Prefix + "VaultShredder"] = new VaultShredderFunction(services.Shred, services.ShredAfterExecutionEnded),
            [Prefix + "Intake"] = new IntakeFunction(services.Intake),
            [Prefix + "Status"] = new StatusFunction(services.Status),
            [Prefix + "History"] = new HistoryFunction(services.History),
            [Prefix + "Cancel"] = new CancelFunction(services.Cancel),
            [Prefix + "TaskCallback"] = new TaskCallbackFunction(services.TaskCallbacks, services.TaskAnswers),
            [Prefix + "Reminders"] = new RemindersFunction(services.Reminders, services.OverdueMetric, services.RetentionFollowUp),
            [Prefix + "Deadline"] = new DeadlineFunction(services.Deadline),
            [Prefix + "Refusal"] = new RefusalFunction(services.Refusal, services.Status),
            [Prefix + "Retry"] = new RetryFunction(services.Retry, services.Status),
        };
        if (services.SystemTasks is { } tasks)
        {
            functions[Prefix + "Tasks"] = new TasksFunction(tasks);
        }

        return functions;
    }

    /// <summary>The handlers to deploy a template with, by LocalHandler name.</summary>
    public static IReadOnlyDictionary<string, LocalLambdaHandler> Handlers(LocalServices services) =>
        Functions(services).ToDictionary(f => f.Key, f => Handler(f.Value), StringComparer.Ordinal);

    /// <summary>
    /// Runs <paramref name="function"/> for the engine: a failure becomes the engine's <see cref="LambdaFunctionException"/>
    /// with the function's error type (e.g. "Erasure.TransientError", which the definition retries).
    /// </summary>
    public static LocalLambdaHandler Handler(IJsonFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return async (payload, _, cancellationToken) =>
        {
            try
            {
                return await function.HandleAsync(payload, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception failure)
            {
                var reported = failure as RuntimeFunctionException ?? FunctionFailures.Translate(failure);
                throw new LambdaFunctionException(reported.ErrorType, reported.Message);
            }
        };
    }
}
