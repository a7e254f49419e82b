using System.CommandLine;
using System.Globalization;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Commands;

/// <summary>
/// <c>gdpr retry &lt;id&gt; [--system S]</c>. A request that ended Failed or CompletedWithExceptions with failed systems is
/// reopened and its failed systems run again (as a Step Functions redrive). For an open request: without --system, makes
/// sure its workflow runs (starts it if intake never did; resumes waiting steps); with --system, erases in that sync
/// system again now and records the outcome.
/// </summary>
public sealed class RetryCommand
{
    private readonly Argument<string> id = new("id") { Description = "The request id." };
    private readonly Option<string?> system = new("--system") { Description = "Erase in this sync system again now (e.g. after it failed), and record the outcome." };

    public Command Build(RunCommand run)
    {
        var command = new Command("retry", "Retry an open request: start or resume its workflow, or with --system erase in one sync system again now.") { id, system };
        command.SetAction((parse, ct) => run(parse, context => ExecuteAsync(context, ct), ct));
        return command;
    }

    private async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var requestId = context.Value(id)!;
        await using var lease = await context.OpenForChangeAsync(engine: true, cancellationToken);
        var host = lease.Host;
        _ = await host.Services.Status.GetAsync(requestId, cancellationToken); // checks the id, and that the request exists
        var request = await host.Stores.Requests.GetAsync(requestId, cancellationToken) ?? throw NotFoundException.Request(requestId);
        var message = !request.IsOpen
            ? await ReopenAsync(context, host, request, cancellationToken)
            : context.Value(system) is { } name
                ? await RetrySystemAsync(host, request, name, cancellationToken)
                : await RetryWorkflowAsync(host, request, cancellationToken);
        context.Log(requestId, message);
        await EngineRun.SettleAsync(host, cancellationToken);
        var status = await host.Services.Status.GetAsync(requestId, cancellationToken);
        if (context.Json)
        {
            context.Output.WriteJson(new { requestId, result = message, status = status.Status, systems = status.Systems.Select(s => new { name = s.System, state = s.Status, attempts = s.Attempts, lastError = s.LastError }) });
        }
        else
        {
            context.Output.Line($"Request {requestId}: {message}");
            StatusCommand.Print(context.Output, status);
        }

        return ExitCodes.Ok;
    }

    /// <summary>A request that ended with failed systems runs again, for those systems only (ReopenService); others are refused.</summary>
    private static async Task<string> ReopenAsync(CommandContext context, LocalHost host, ErasureRequest request, CancellationToken cancellationToken)
    {
        var reopened = await host.Services.Reopen.ReopenAsync(request.RequestId, context.Officer, cancellationToken);
        var systems = reopened.Systems.Count == 0 ? "every system without a final answer" : string.Join(", ", reopened.Systems);
        return $"reopened: run {reopened.Run.ToString(CultureInfo.InvariantCulture)} erases again in {systems} ({reopened.ExecutionId}).";
    }

    private static async Task<string> RetryWorkflowAsync(LocalHost host, ErasureRequest request, CancellationToken cancellationToken)
    {
        var starter = (LocalWorkflowStarter)host.Services.Workflow;
        var arn = request.ExecutionId ?? starter.ExecutionArnOf(request.RequestId);
        try
        {
            var execution = await host.Engine!.DescribeExecutionAsync(arn, cancellationToken);
            if (execution.Status != ExecutionStatus.Running)
            {
                throw CliException.Conflict(
                    $"The workflow of request {request.RequestId} ended {execution.Status} ({execution.Error ?? "no error"}) while the request is still {request.Status.Name()}.",
                    "Its end is being recorded; check 'gdpr status' again, and 'gdpr history --request <id>' for the cause.");
            }

            return "its workflow is running; waiting steps were resumed and re-sent.";
        }
        catch (StepFunctionsApiException e) when (e.IsNotFound)
        {
            var start = await starter.StartAsync(request.RequestId, cancellationToken);
            return $"its workflow was not running and has been started ({start.ExecutionId}).";
        }
    }

    private static async Task<string> RetrySystemAsync(LocalHost host, ErasureRequest request, string name, CancellationToken cancellationToken)
    {
        var definition = host.Services.Registry.Find(name)
            ?? throw CliException.BadInput($"System '{name}' is not in the registry.", "Systems: " + string.Join(", ", host.Services.Registry.Systems.Select(s => s.Name)) + ".");
        if (definition.Mode == ErasureMode.Async)
        {
            throw CliException.Conflict(
                $"System '{name}' is asynchronous: it answers its erasure task itself.",
                "'gdpr task list --system " + name + "' shows its waiting task; answer it with 'gdpr task succeed <token>'.");
        }

        var state = request.FindSystem(name);
        var attempt = (state?.Attempts ?? 0) + 1;
        var executionId = (request.ExecutionId ?? request.RequestId) + "/retry-" + attempt.ToString(CultureInfo.InvariantCulture);
        try
        {
            var answer = await host.Services.SyncErase.EraseAsync(request.RequestId, executionId, name, cancellationToken);
            await host.Services.Ledger.SystemErasedAsync(request.RequestId, executionId, name, answer, cancellationToken);
            return $"{name} erased again: {answer.Outcome} (attempt {attempt}).";
        }
        catch (ErasureException e) when (e.Kind is ErasureErrorKind.Failed or ErasureErrorKind.Transient)
        {
            await host.Services.Ledger.SystemErasureFailedAsync(request.RequestId, executionId, name, e.ErrorType, cancellationToken);
            return $"{name} failed again with {e.ErrorType} (attempt {attempt}): {e.Message}";
        }
    }
}
