using System.CommandLine;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Output;

namespace Gdpr.Workflows.Cli.Commands;

/// <summary>
/// <c>gdpr verify &lt;id&gt; --method M</c>: an officer's identity check (or <c>--reject --reason R</c>). Without an id,
/// <c>gdpr verify --request &lt;id&gt; | --all</c> is the auditors' audit-chain check (<c>gdpr audit verify</c>).
/// </summary>
public sealed class VerifyCommand(AuditCommand audit)
{
    private readonly Argument<string?> id = new("id") { Description = "The request whose requester's identity was checked.", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string?> method = new("--method") { Description = "How the identity was verified, a short code (id-document, account-login, ...).", HelpName = "code" };
    private readonly Option<bool> reject = new("--reject") { Description = "The identity could not be verified: the request is rejected." };
    private readonly Option<string?> receivedOn = new("--received-on") { Description = "The day the identity information asked for arrived (default today): the deadline clock starts that day.", HelpName = "YYYY-MM-DD" };
    private readonly Option<string?> reason = new("--reason") { Description = "With --reject: why, a short code (documents-mismatch, no-response, ...).", HelpName = "code" };

    public Command Build(RunCommand run)
    {
        var command = new Command("verify", "Record the identity check of a request: 'verify <id> --method <code> [--received-on DATE]' (the deadline clock starts the day the identity information arrived, default today); 'verify <id> --received-on DATE' alone records that it arrived or 'verify <id> --reject --reason <code>'. "
            + "Without an id, 'verify --request <id> | --all' checks the audit chain instead (same as 'gdpr audit verify').")
        {
            id, method, reject, reason, receivedOn, audit.RequestOption, audit.AllOption,
        };
        command.SetAction((parse, ct) => run(parse, context => ExecuteAsync(context, ct), ct));
        return command;
    }

    private async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var requestId = context.Value(id);
        if (requestId is null)
        {
            if (context.Value(audit.RequestOption) is not null || context.Value(audit.AllOption))
            {
                return await audit.VerifyChainAsync(context, cancellationToken);
            }

            throw CliException.BadInput("Name the request: 'gdpr verify <id> --method <code>'.", "To check the audit chain instead: 'gdpr audit verify --request <id>' or '--all'.");
        }

        var rejecting = context.Value(reject);
        var code = rejecting ? context.Value(reason) : context.Value(method);
        if (code is null && !rejecting && context.Value(receivedOn) is { } arrivedText)
        {
            return await InformationReceivedAsync(context, requestId, Arguments.Day(arrivedText, "--received-on"), cancellationToken);
        }

        if (code is null)
        {
            throw CliException.BadInput(
                rejecting ? "--reject needs --reason <code>." : "Say how the identity was verified: --method <code>.",
                rejecting ? "e.g. gdpr verify <id> --reject --reason documents-mismatch" : "e.g. gdpr verify <id> --method id-document");
        }

        var arrived = context.Value(receivedOn) is { } text ? Arguments.Day(text, "--received-on") : (DateOnly?)null;
        if (rejecting && arrived is not null)
        {
            throw CliException.BadInput("--received-on goes with --method: it is the day the identity information arrived.", "e.g. gdpr verify <id> --method id-document --received-on 2025-03-14");
        }

        await using var lease = await context.OpenForChangeAsync(engine: true, cancellationToken);
        var host = lease.Host;
        // The engine first finishes what it resumed: a verification step cut short when the last command stopped the
        // engine runs again with a new task token, and the decision must go to that one, not the stale one stored before.
        await EngineRun.SettleAsync(host, cancellationToken);
        var decision = await host.Services.TaskCallbacks.DecideIdentityAsync(requestId, !rejecting, code, arrived, context.Officer, cancellationToken);
        context.Log(requestId, rejecting ? $"identity rejected ({code})" : $"identity verified ({code})");
        await EngineRun.SettleAsync(host, cancellationToken);
        var status = await host.Services.Status.GetAsync(requestId, cancellationToken);
        if (context.Json)
        {
            context.Output.WriteJson(new
            {
                requestId = decision.RequestId,
                verification = decision.Verification.ToString(),
                status = status.Status,
                deadline = status.Deadline.DueDate is { } due ? CliOutput.Date(due) : null,
                clockStartedOn = status.Deadline.ClockStartedOn is { } started ? CliOutput.Date(started) : null,
            });
            return ExitCodes.Ok;
        }

        context.Output.Line(rejecting
            ? $"Request {requestId}: identity rejected ({code}); status {status.Status}."
            : $"Request {requestId}: identity verified ({code}); the clock started, deadline {CliOutput.Date(status.Deadline.DueDate)}; status {status.Status}.");
        return ExitCodes.Ok;
    }

    /// <summary>The identity information arrived (no decision yet): the wait is now on the officers, and the clock will start that day.</summary>
    private static async Task<int> InformationReceivedAsync(CommandContext context, string requestId, DateOnly arrived, CancellationToken cancellationToken)
    {
        await using var lease = await context.OpenForChangeAsync(engine: false, cancellationToken);
        var decision = await lease.Host.Services.Verification.RecordInformationReceivedAsync(requestId, arrived, context.Officer, cancellationToken);
        context.Log(requestId, $"identity information received on {CliOutput.Date(arrived)}");
        if (context.Json)
        {
            context.Output.WriteJson(new { requestId = decision.RequestId, verification = decision.Verification.ToString(), informationReceivedOn = CliOutput.Date(arrived) });
            return ExitCodes.Ok;
        }

        context.Output.Line($"Request {requestId}: identity information received on {CliOutput.Date(arrived)}; decide with 'gdpr verify {requestId} --method <code>' (the clock starts that day).");
        return ExitCodes.Ok;
    }
}
