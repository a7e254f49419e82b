using System.CommandLine;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Output;
using Gdpr.Workflows.Erasure.Services;

namespace Gdpr.Workflows.Cli.Commands;

/// <summary><c>gdpr status &lt;id&gt;</c>: where a request stands, with a row per system.</summary>
public sealed class StatusCommand
{
    private readonly Argument<string> id = new("id") { Description = "The request id (req-...)." };

    public Command Build(RunCommand run)
    {
        var command = new Command("status", "Show a request: status, deadline, identity check, and a row per system (state, attempts, last error, retained ground).") { id };
        command.SetAction((parse, ct) => run(parse, context => ExecuteAsync(context, ct), ct));
        return command;
    }

    /// <summary>The JSON shape of a request's status; <c>deadline</c> is the due date (YYYY-MM-DD).</summary>
    public static object Json(RequestStatusView view) => new
    {
        requestId = view.RequestId,
        status = view.Status,
        deadline = view.Deadline.DueDate is { } due ? CliOutput.Date(due) : null,
        deadlineProvisional = view.Deadline.Provisional,
        clockStopped = view.Deadline.ClockStopped,
        daysLeft = view.Deadline.DaysLeft,
        overdue = view.Deadline.Overdue,
        receivedAt = view.ReceivedAt,
        channel = view.Channel,
        verification = view.Verification,
        systems = view.Systems.Select(s => new
        {
            name = s.System,
            state = s.Status,
            attempts = s.Attempts,
            lastError = s.LastError,
            retainedGround = s.RetentionGround,
            retainUntil = s.RetainUntil is { } until ? CliOutput.Date(until) : null,
            receipt = s.Receipt,
            recipients = s.Recipients,
            recipientsReason = s.RecipientsReason,
            recipientCount = s.RecipientCount,
        }),
        outcome = view.Outcome,
        extensions = view.Deadline.Extensions,
        pauses = view.Deadline.Pauses,
        explanation = view.Deadline.Explanation,
        executionId = view.ExecutionId,
        updatedAt = view.UpdatedAt,
    };

    /// <summary>The human form of a request's status.</summary>
    public static void Print(CliOutput output, RequestStatusView view)
    {
        var deadline = view.Deadline;
        var due = CliOutput.Date(deadline.DueDate);
        if (deadline.Provisional)
        {
            due += " (provisional: identity not verified yet)";
        }
        else if (deadline.ClockStopped)
        {
            due = "clock stopped, awaiting clarification";
        }
        else if (deadline.DaysLeft is { } left)
        {
            due += left < 0 ? $" (OVERDUE by {-left} days)" : $" ({left} days left)";
        }

        output.Fields(
        [
            ("Request", view.RequestId),
            ("Status", view.Status),
            ("Received", CliOutput.Time(view.ReceivedAt) + $" via {view.Channel}"),
            ("Deadline", due),
            ("Identity", view.Verification.State + (view.Verification.Method is { } m ? $" ({m})" : view.Verification.Reason is { } r ? $" ({r})" : string.Empty)),
            ("Extended", deadline.Extensions.Count == 0 ? null : string.Join("; ", deadline.Extensions.Select(e => $"+{e.Months} month(s) on {CliOutput.Date(e.DecidedOn)}: {e.Reason}"))),
            ("Outcome", view.Outcome is { } o ? $"{o.Status} (erased {o.Counts.Erased}, not held {o.Counts.NotHeld}, retained {o.Counts.Retained}, failed {o.Counts.Failed}, no response {o.Counts.NoResponse})" : null),
        ]);
        if (view.Systems.Count == 0)
        {
            output.Line("No system has reported yet.");
            return;
        }

        output.Table(
            ["System", "State", "Attempts", "Last error", "Retained", "Art. 19"],
            view.Systems.Select(s => (IReadOnlyList<string?>)
            [
                s.System,
                s.Status,
                s.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
                s.LastError,
                s.RetentionGround is { } ground ? $"{ground} until {CliOutput.Date(s.RetainUntil)}" : null,
                s.Recipients is { } recipients ? $"{recipients} ({s.RecipientCount})" : null,
            ]));
    }

    private async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var requestId = context.Value(id)!;
        var view = await Backend.StatusAsync(context, requestId, cancellationToken);
        if (context.Json)
        {
            context.Output.WriteJson(Json(view));
        }
        else
        {
            Print(context.Output, view);
        }

        return ExitCodes.Ok;
    }
}
