using System.CommandLine;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Output;
using Gdpr.Workflows.Erasure.Services;

namespace Gdpr.Workflows.Cli.Commands;

/// <summary>
/// <c>gdpr extend &lt;id&gt; --months N --reason complex|numerous [--detail TEXT] [--told-on DATE]</c>: an Art. 12(3)
/// extension, in effect only when the requester was told, with the reasons, within the first month. <c>--untold</c>
/// records the decision without the notice (not in effect); <c>--record-told [--told-on DATE]</c> records the notice later.
/// </summary>
public sealed class ExtendCommand
{
    private readonly Argument<string> id = new("id") { Description = "The request id." };
    private readonly Option<int?> months = new("--months") { Description = "1 or 2 months (at most two in total)." };
    private readonly Option<string?> reason = new("--reason") { Description = "complex or numerous: Art. 12(3) allows an extension for the complexity or the number of the requests.", HelpName = "complex|numerous" };
    private readonly Option<string?> detail = new("--detail") { Description = "What makes it so, in a sentence (told to the requester with the reason).", HelpName = "text" };
    private readonly Option<string?> toldOn = new("--told-on") { Description = "The day the requester was told of the extension and its reasons (default today); after the first month it is refused.", HelpName = "YYYY-MM-DD" };
    private readonly Option<bool> untold = new("--untold") { Description = "Record the decision only: not in effect until the requester is told ('--record-told')." };
    private readonly Option<bool> recordTold = new("--record-told") { Description = "The requester was told (on --told-on, default today) of the extensions recorded with --untold." };

    public Command Build(RunCommand run)
    {
        var command = new Command("extend", "Extend a request's deadline by 1 or 2 months (Art. 12(3)): in effect once the requester is told, within the first month. Prints the deadline.")
        {
            id, months, reason, detail, toldOn, untold, recordTold,
        };
        command.SetAction((parse, ct) => run(parse, context => ExecuteAsync(context, ct), ct));
        return command;
    }

    private async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var requestId = context.Value(id)!;
        var told = context.Value(toldOn) is { } text ? Arguments.Day(text, "--told-on") : (DateOnly?)null;
        var recording = context.Value(recordTold);
        if (!recording && (context.Value(months) is null || context.Value(reason) is null))
        {
            throw CliException.BadInput("Give --months 1|2 and --reason complex|numerous.", "e.g. gdpr extend <id> --months 2 --reason complex --detail \"four archives to search\"");
        }

        if (context.Value(untold) && told is not null)
        {
            throw CliException.BadInput("--untold and --told-on contradict each other.", "Leave out --untold when the requester was told.");
        }

        await using var lease = await context.OpenForChangeAsync(engine: false, cancellationToken);
        var services = lease.Host.Services;
        var today = services.Deadlines.Day(services.Time.GetUtcNow());
        var view = recording
            ? await services.Deadline.RecordExtensionToldAsync(requestId, told, context.Officer, cancellationToken)
            : await services.Deadline.ExtendAsync(
                requestId,
                new ExtensionRequest(context.Value(months)!.Value, context.Value(reason)!, context.Value(detail), context.Value(untold) ? null : told ?? today),
                context.Officer,
                cancellationToken);
        var last = view.Deadline.Extensions.Count == 0 ? null : view.Deadline.Extensions[^1];
        context.Log(requestId, $"deadline {CliOutput.Date(view.Deadline.DueDate)}; extension {(last?.InEffect == true ? "in effect" : "not in effect")}");
        if (context.Json)
        {
            context.Output.WriteJson(new
            {
                requestId = view.RequestId,
                deadline = CliOutput.Date(view.Deadline.DueDate),
                inEffect = last?.InEffect ?? false,
                toldOn = last?.ToldOn is { } day ? CliOutput.Date(day) : null,
                tellSubjectBy = last?.TellSubjectBy is { } by ? CliOutput.Date(by) : null,
                extensions = view.Deadline.Extensions,
            });
            return ExitCodes.Ok;
        }

        context.Output.Line(last?.InEffect == true
            ? $"Request {view.RequestId}: deadline extended to {CliOutput.Date(view.Deadline.DueDate)} (requester told on {CliOutput.Date(last.ToldOn)})."
            : $"Request {view.RequestId}: extension recorded but not in effect until the requester is told; the deadline stays {CliOutput.Date(view.Deadline.DueDate)}.");
        if (last is { InEffect: false, TellSubjectBy: { } tellBy })
        {
            context.Output.Line($"Tell the requester about the extension and its reasons by {CliOutput.Date(tellBy)}, then run 'gdpr extend {view.RequestId} --record-told --told-on <date>'.");
        }

        return ExitCodes.Ok;
    }
}
