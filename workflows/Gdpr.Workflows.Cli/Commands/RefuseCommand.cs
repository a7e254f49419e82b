using System.CommandLine;
using Gdpr.Workflows.Cli.Infrastructure;

namespace Gdpr.Workflows.Cli.Commands;

/// <summary>
/// <c>gdpr refuse &lt;id&gt; --reason unfounded|excessive --detail TEXT</c>: refuse a manifestly unfounded or excessive
/// request (Art. 12(5)); the requester is sent the reasons and their right to complain, then the workflow is stopped.
/// </summary>
public sealed class RefuseCommand
{
    private readonly Argument<string> id = new("id") { Description = "The request id." };
    private readonly Option<string> reason = new("--reason") { Description = "unfounded or excessive (Art. 12(5)).", Required = true };
    private readonly Option<string> detail = new("--detail") { Description = "Why, in words the requester is sent (no email addresses or phone numbers).", Required = true };

    public Command Build(RunCommand run)
    {
        var command = new Command("refuse", "Refuse a manifestly unfounded or excessive request (Art. 12(5)): recorded with its reason, the requester sent the reasons and their right to complain, the workflow stopped.")
        {
            id, reason, detail,
        };
        command.SetAction((parse, ct) => run(parse, context => ExecuteAsync(context, ct), ct));
        return command;
    }

    private async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var requestId = context.Value(id)!;
        await using var lease = await context.OpenForChangeAsync(engine: true, cancellationToken);
        var host = lease.Host;
        var result = await host.Services.Refusal.RefuseAsync(requestId, context.Value(reason)!, context.Value(detail)!, context.Officer, cancellationToken);
        context.Log(requestId, $"refused; reply {result.Reply.Sha256}; workflow {result.Workflow}");
        await EngineRun.SettleAsync(host, cancellationToken);
        if (context.Json)
        {
            context.Output.WriteJson(new
            {
                requestId = result.RequestId,
                status = result.Status.ToString(),
                refusedNow = result.RefusedNow,
                replySha256 = result.Reply.Sha256,
                templateVersion = result.Reply.TemplateVersion,
                workflow = result.Workflow.ToString(),
            });
        }
        else
        {
            context.Output.Line(result.RefusedNow
                ? $"Request {result.RequestId} refused; the requester was sent the reasons (see 'gdpr reply {result.RequestId}'); its workflow was {result.Workflow.ToString().ToLowerInvariant()}."
                : $"Request {result.RequestId} was already refused.");
        }

        return ExitCodes.Ok;
    }
}
