using System.CommandLine;
using System.Globalization;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Output;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Services;

namespace Gdpr.Workflows.Cli.Commands;

/// <summary><c>gdpr list</c>: requests, a page at a time.</summary>
public sealed class ListCommand
{
    private readonly Option<bool> open = new("--open") { Description = "Open requests, by deadline, overdue first (the default)." };
    private readonly Option<bool> overdue = new("--overdue") { Description = "Open requests past their deadline." };
    private readonly Option<string?> dueWithin = new("--due-within") { Description = "Open requests due within a period (7d, 2w), overdue ones included.", HelpName = "period" };
    private readonly Option<string?> status = new("--status") { Description = "Requests in one status: Received, AwaitingVerification, InProgress, Completed, CompletedWithExceptions, Failed, Cancelled, Rejected.", HelpName = "status" };
    private readonly Option<int> pageSize = new("--page-size") { Description = "Requests per page (1-1000).", DefaultValueFactory = _ => 50 };
    private readonly Option<string?> next = new("--next") { Description = "The token a previous page printed, for the page after it.", HelpName = "token" };

    public Command Build(RunCommand run)
    {
        var command = new Command("list", "List requests, a page at a time: open ones by deadline (default), overdue, due soon, or by status.")
        {
            open, overdue, dueWithin, status, pageSize, next,
        };
        command.SetAction((parse, ct) => run(parse, context => ExecuteAsync(context, ct), ct));
        return command;
    }

    private async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var size = context.Value(pageSize);
        if (size is < 1 or > 1000)
        {
            throw CliException.BadInput($"--page-size {size} is out of range.", "Give 1 to 1000.");
        }

        int? withinDays = context.Value(dueWithin) is { } period ? Arguments.Days(period, "--due-within") : null;
        var onlyOverdue = context.Value(overdue);
        var statusName = context.Value(status);
        if (statusName is not null && (onlyOverdue || withinDays is not null || context.Value(open)))
        {
            throw CliException.BadInput("--status cannot be combined with --open, --overdue or --due-within.", "Use one filter per listing.");
        }

        await using var session = await Backend.OpenReadAsync(context, cancellationToken);
        RequestSummaryPage page;
        IEnumerable<RequestSummary> items;
        string? token;
        if (statusName is not null)
        {
            if (!RequestStatuses.TryParse(statusName, out var parsed))
            {
                throw CliException.BadInput($"--status '{statusName}' is not a request status.", "Use one of: " + string.Join(", ", Enum.GetNames<RequestStatus>()) + ".");
            }

            page = await session.Status.ListByStatusAsync(parsed, size, context.Value(next), cancellationToken);
            items = page.Items;
            token = page.ContinuationToken;
        }
        else
        {
            page = await session.Status.ListOpenAsync(size, context.Value(next), cancellationToken);
            token = page.ContinuationToken;
            var limit = onlyOverdue ? -1 : withinDays;
            if (limit is { } days)
            {
                // Open requests come by due date: past the first one beyond the limit, none can match.
                var matching = page.Items.TakeWhile(r => r.DaysLeft is { } left && left <= days).ToList();
                if (matching.Count < page.Items.Count)
                {
                    token = null;
                }

                items = onlyOverdue ? matching.Where(r => r.Overdue) : matching;
            }
            else
            {
                items = page.Items;
            }
        }

        var list = items.ToList();
        if (context.Json)
        {
            context.Output.WriteJson(new
            {
                items = list.Select(r => new
                {
                    requestId = r.RequestId,
                    status = r.Status,
                    receivedAt = r.ReceivedAt,
                    deadline = r.DueDate is { } due ? CliOutput.Date(due) : null,
                    provisional = r.Provisional,
                    daysLeft = r.DaysLeft,
                    overdue = r.Overdue,
                }),
                next = token,
            });
            return ExitCodes.Ok;
        }

        if (list.Count == 0)
        {
            context.Output.Line("No requests match.");
        }
        else
        {
            context.Output.Table(
                ["Request", "Status", "Received", "Deadline", "Days left"],
                list.Select(r => (IReadOnlyList<string?>)
                [
                    r.RequestId,
                    r.Status,
                    CliOutput.Date(DateOnly.FromDateTime(r.ReceivedAt.UtcDateTime)),
                    CliOutput.Date(r.DueDate) + (r.Provisional ? " (provisional)" : string.Empty),
                    r.DaysLeft is { } left ? (r.Overdue ? $"OVERDUE {-left}" : left.ToString(CultureInfo.InvariantCulture)) : null,
                ]));
        }

        if (token is not null)
        {
            context.Output.Line($"More: repeat with --next {token}");
        }

        return ExitCodes.Ok;
    }
}
