using System.CommandLine;
using Gdpr.Workflows.Cli.Infrastructure;

namespace Gdpr.Workflows.Cli.Commands;

/// <summary><c>gdpr cancel &lt;id&gt; --reason R</c>: the requester withdrew the request; its workflow is stopped.</summary>
public sealed class CancelCommand
{
    private readonly Argument<string> id = new("id") { Description = "The request id." };
    private readonly Option<string> reason = new("--reason") { Description = "A short code, e.g. withdrawn-by-subject.", Required = true };

    public Command Build(RunCommand run)
    {
        var command = new Command("cancel", "Withdraw a request (the requester changed their mind): recorded, its workflow stopped, its vault entry shredded.")
        {
            id, reason,
        };
        command.SetAction((parse, ct) => run(parse, context => ExecuteAsync(context, ct), ct));
        return command;
    }

    private async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var requestId = context.Value(id)!;
        await using var lease = await context.OpenForChangeAsync(engine: true, cancellationToken);
        var host = lease.Host;
        var result = await host.Services.Cancel.CancelAsync(requestId, context.Officer, context.Value(reason), cancellationToken);
        context.Log(requestId, $"cancelled; workflow {result.Workflow}");
        await EngineRun.SettleAsync(host, cancellationToken);
        if (context.Json)
        {
            context.Output.WriteJson(new { requestId = result.RequestId, status = result.Status.ToString(), cancelledNow = result.CancelledNow, workflow = result.Workflow.ToString() });
        }
        else
        {
            context.Output.Line(result.CancelledNow
                ? $"Request {result.RequestId} cancelled; its workflow was {result.Workflow.ToString().ToLowerInvariant()}."
                : $"Request {result.RequestId} was already cancelled.");
        }

        return ExitCodes.Ok;
    }
}
