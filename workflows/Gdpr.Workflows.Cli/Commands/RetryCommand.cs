using System.CommandLine;
using Gdpr.Workflows.Cli.Infrastructure;

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
        // The same service as the deployed Retry function (POST /requests/{id}/retry); only the engine's settling is the CLI's.
        var message = (await host.Services.Retry.RetryAsync(requestId, context.Value(system), context.Officer, cancellationToken)).Message;
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
}
