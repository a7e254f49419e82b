using System.CommandLine;
using System.Text.RegularExpressions;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Output;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Commands;

/// <summary>
/// <c>gdpr task ...</c>: the async systems' side. The erasure tasks they were sent wait in the local inbox; an
/// answer completes the workflow's waiting task with the token (which works once).
/// </summary>
public static partial class TaskCommands
{
    public static Command Build(RunCommand run)
    {
        var command = new Command("task", "Erasure tasks sent to async systems (the support desk): list them, answer them by token.");
        command.Subcommands.Add(BuildList(run));
        command.Subcommands.Add(BuildSucceed(run));
        command.Subcommands.Add(BuildFail(run));
        command.Subcommands.Add(BuildHeartbeat(run));
        return command;
    }

    private static Command BuildList(RunCommand run)
    {
        var system = new Option<string?>("--system") { Description = "Only this system's tasks." };
        var request = new Option<string?>("--request") { Description = "Only this request's tasks.", HelpName = "id" };
        var all = new Option<bool>("--all") { Description = "Also the tasks that can no longer be answered, each with why (answered, timed_out, cancelled, superseded, request_closed)." };
        var command = new Command("list", "List the erasure tasks that can still be answered, oldest first, with the token to answer each.") { system, request, all };
        command.SetAction((parse, ct) => run(parse, async context =>
        {
            await using var host = await context.OpenLocalAsync(engine: false, ct);
            var tasks = context.Value(all)
                ? await host.Tasks.AllAsync(context.Value(system), context.Value(request), ct)
                : await host.Tasks.OpenAsync(context.Value(system), context.Value(request), ct);
            if (context.Json)
            {
                context.Output.WriteJson(TaskViews.List(tasks, withTokens: true, new WebhookDeliveries(host.Home, host.Services.Time)));
                return ExitCodes.Ok;
            }

            if (tasks.Count == 0)
            {
                context.Output.Line("No task waits for an answer.");
                return ExitCodes.Ok;
            }

            var deliveries = new WebhookDeliveries(host.Home, host.Services.Time);
            context.Output.Table(
                ["Request", "System", "Received (UTC)", "Times out (UTC)", "State", "Push", "Token"],
                tasks.Select(t => (IReadOnlyList<string?>)[t.RequestId, t.System, CliOutput.Time(t.ReceivedAt), CliOutput.Time(t.DueAt), t.State.WireName(), deliveries.Find(t.TaskToken) is { } d ? $"{d.State} ({d.Attempts})" : "-", t.State == InboxTaskState.Open ? t.TaskToken : "-"]));
            context.Output.Line("Answer with: gdpr task succeed <token> --outcome erased|not-found|retained");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command BuildSucceed(RunCommand run)
    {
        var token = new Argument<string>("token") { Description = "The task token ('gdpr task list' shows it)." };
        var outcome = new Option<string>("--outcome") { Description = "erased, not-found (the system held nothing) or retained (kept under an Art. 17(3) ground).", Required = true };
        var ground = new Option<string?>("--ground") { Description = "With retained: the Art. 17(3) ground, e.g. \"Art. 17(3)(b)\", b, or LegalObligation." };
        var until = new Option<string?>("--until") { Description = "With retained: the last day the data is kept (YYYY-MM-DD).", HelpName = "date" };
        var data = new Option<string?>("--data") { Description = "With retained: what is kept, e.g. invoices (default: records)." };
        var reference = new Option<string?>("--reference") { Description = "The system's own reference for the erasure, e.g. a ticket number (default: cli)." };
        var command = new Command("succeed", "Answer an erasure task: the system erased the subject, held nothing, or keeps some data under a ground until a date.")
        {
            token, outcome, ground, until, data, reference,
        };
        command.SetAction((parse, ct) => run(parse, async context =>
        {
            var answer = Answer(context.Value(outcome)!, context.Value(ground), context.Value(until), context.Value(data), context.Value(reference) ?? "cli");
            return await AnswerAsync(context, context.Value(token)!, "succeeded", (services, t) => services.TaskCallbacks.CompleteAsync(t, answer, ct), ct);
        }, ct));
        return command;
    }

    private static Command BuildFail(RunCommand run)
    {
        var token = new Argument<string>("token") { Description = "The task token." };
        var error = new Option<string>("--error") { Description = "An error name: Erasure.TransientError to be asked again later, any other for a permanent failure.", Required = true };
        var cause = new Option<string?>("--cause") { Description = "Why, as a short code (e.g. legal-hold, system-down); recorded in the execution history, so never personal data.", HelpName = "code" };
        var command = new Command("fail", "Answer an erasure task with a failure: the system cannot erase (Erasure.TransientError: ask again later).") { token, error, cause };
        command.SetAction((parse, ct) => run(parse, async context =>
        {
            var name = context.Value(error)!;
            var why = context.Value(cause);
            if (why is not null && !CausePattern().IsMatch(why))
            {
                throw CliException.BadInput($"--cause '{why}' is not a short code.", "Use lower-case letters, digits and '-', e.g. system-down: the cause is stored in the execution history, which must not hold personal data.");
            }

            return await AnswerAsync(context, context.Value(token)!, "failed", async (services, t) =>
            {
                if (why is null)
                {
                    await services.TaskCallbacks.FailAsync(t, name, ct);
                    return;
                }

                // With a cause code of the operator's own: checked as the callback service checks the error name.
                if (!ErrorPattern().IsMatch(name))
                {
                    throw new InvalidInputException("'error' must be an error name such as Erasure.TransientError (letters, digits, '.', '_', ':' or '-').");
                }

                Check(await services.Tasks.SendFailureAsync(t, name, why, ct));
            }, ct);
        }, ct));
        return command;
    }

    private static Command BuildHeartbeat(RunCommand run)
    {
        var token = new Argument<string>("token") { Description = "The task token." };
        var command = new Command("heartbeat", "Tell the workflow the system is still working on the task (restarts its heartbeat clock).") { token };
        command.SetAction((parse, ct) => run(parse, context => AnswerAsync(context, context.Value(token)!, null, (services, t) => services.TaskCallbacks.HeartbeatAsync(t, ct), ct), ct));
        return command;
    }

    private static async Task<int> AnswerAsync(CommandContext context, string token, string? answered, Func<Local.Composition.LocalServices, string, Task> send, CancellationToken cancellationToken)
    {
        await using var lease = await context.OpenForChangeAsync(engine: true, cancellationToken);
        var host = lease.Host;
        var task = host.Inbox.Find(token);
        await send(host.Services, token);
        if (answered is not null)
        {
            host.Inbox.MarkAnswered(token, answered);
        }

        context.Log(task?.RequestId, answered is null ? "heartbeat sent" : $"task of {task?.System ?? "a system"} answered: {answered}");
        await EngineRun.SettleAsync(host, cancellationToken);
        string? status = null;
        if (task is not null)
        {
            status = (await host.Services.Status.GetAsync(task.RequestId, cancellationToken)).Status;
        }

        if (context.Json)
        {
            context.Output.WriteJson(new { delivered = true, answer = answered ?? "heartbeat", requestId = task?.RequestId, system = task?.System, status });
        }
        else
        {
            context.Output.Line(answered is null
                ? "Heartbeat delivered."
                : task is null ? $"Answer delivered ({answered})." : $"Answer delivered ({answered}) for {task.System} of request {task.RequestId}; the request is {status}.");
        }

        return ExitCodes.Ok;
    }

    private static ErasureAnswer Answer(string outcome, string? ground, string? until, string? data, string reference)
    {
        switch (outcome.Trim().ToLowerInvariant())
        {
            case "erased":
                return ErasureAnswer.Erased(reference);
            case "not-found" or "not_found" or "not-held" or "not_held":
                return ErasureAnswer.NotHeld(reference);
            case "retained":
                if (ground is null || !RetentionGrounds.TryParse(ground, out var parsed))
                {
                    throw CliException.BadInput(ground is null ? "--outcome retained needs --ground." : $"--ground '{ground}' is not an Art. 17(3) ground.", "Give the ground as \"Art. 17(3)(b)\", b, or LegalObligation; and --until YYYY-MM-DD.");
                }

                if (until is null)
                {
                    throw CliException.BadInput("--outcome retained needs --until <date>: the last day the data is kept.", "e.g. --until 2031-03-31");
                }

                return ErasureAnswer.Retained(reference, parsed, data ?? "records", Arguments.Day(until, "--until"));
            default:
                throw CliException.BadInput($"--outcome '{outcome}' is not erased, not-found or retained.", "e.g. gdpr task succeed <token> --outcome erased");
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

    [GeneratedRegex("^[a-z][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex CausePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex ErrorPattern();
}
