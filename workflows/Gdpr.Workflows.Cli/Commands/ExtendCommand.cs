using System.CommandLine;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Output;

namespace Gdpr.Workflows.Cli.Commands;

/// <summary><c>gdpr extend &lt;id&gt; --months N --reason R</c>: Art. 12(3) extension, decided within the first month.</summary>
public sealed class ExtendCommand
{
    private readonly Argument<string> id = new("id") { Description = "The request id." };
    private readonly Option<int> months = new("--months") { Description = "1 or 2 months (at most two in total).", Required = true };
    private readonly Option<string> reason = new("--reason") { Description = "Why (complexity, number of requests); the subject is told it within the first month.", Required = true };

    public Command Build(RunCommand run)
    {
        var command = new Command("extend", "Extend a request's deadline by 1 or 2 months (Art. 12(3)); only within the first month. Prints the new deadline.")
        {
            id, months, reason,
        };
        command.SetAction((parse, ct) => run(parse, context => ExecuteAsync(context, ct), ct));
        return command;
    }

    private async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var requestId = context.Value(id)!;
        await using var lease = await context.OpenForChangeAsync(engine: false, cancellationToken);
        var host = lease.Host;
        var view = await host.Services.Deadline.ExtendAsync(requestId, context.Value(months), context.Value(reason)!, context.Officer, cancellationToken);
        context.Log(requestId, $"deadline extended to {CliOutput.Date(view.Deadline.DueDate)}");
        var tellBy = view.Deadline.Extensions.Count == 0 ? null : view.Deadline.Extensions[^1].TellSubjectBy;
        if (context.Json)
        {
            context.Output.WriteJson(new
            {
                requestId = view.RequestId,
                deadline = CliOutput.Date(view.Deadline.DueDate),
                tellSubjectBy = tellBy is { } day ? CliOutput.Date(day) : null,
                extensions = view.Deadline.Extensions,
            });
            return ExitCodes.Ok;
        }

        context.Output.Line($"Request {view.RequestId}: deadline extended to {CliOutput.Date(view.Deadline.DueDate)}.");
        if (tellBy is not null)
        {
            context.Output.Line($"Tell the subject about the extension and its reasons by {CliOutput.Date(tellBy)}.");
        }

        return ExitCodes.Ok;
    }
}
