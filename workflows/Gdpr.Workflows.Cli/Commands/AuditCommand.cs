using System.CommandLine;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Commands;

/// <summary>
/// <c>gdpr audit verify [--request id | --all]</c> (also <c>gdpr verify-chain</c>): checks the hash chain of audit
/// trails. Exits 0 when every chain checked is intact, 1 when one is broken (the first break is described).
/// </summary>
public sealed class AuditCommand
{
    public Option<string?> RequestOption { get; } = new("--request") { Description = "Check this request's audit chain.", HelpName = "id" };

    public Option<bool> AllOption { get; } = new("--all") { Description = "Check the audit chain of every request." };

    public Command Build(RunCommand run)
    {
        var verify = new Command("verify", Describe()) { RequestOption, AllOption };
        verify.SetAction((parse, ct) => run(parse, context => VerifyChainAsync(context, ct), ct));
        var checkpoint = new Command("checkpoint", "Sign the head of every audit chain with the checkpoint key (run periodically, e.g. from cron); 'audit verify' then checks chains against the latest checkpoint.");
        checkpoint.SetAction((parse, ct) => run(parse, context => CheckpointAsync(context, ct), ct));
        return new Command("audit", "Auditors' checks of the append-only, hash-chained audit trail.") { verify, checkpoint };
    }

    public Command BuildVerifyChain(RunCommand run)
    {
        var command = new Command("verify-chain", Describe() + " Same as 'gdpr audit verify'.") { RequestOption, AllOption };
        command.SetAction((parse, ct) => run(parse, context => VerifyChainAsync(context, ct), ct));
        return command;
    }

    public async Task<int> VerifyChainAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var requestId = context.Value(RequestOption);
        var all = context.Value(AllOption);
        if ((requestId is null) == !all)
        {
            throw CliException.BadInput("Give either --request <id> or --all.", "e.g. gdpr audit verify --all");
        }

        await using var session = await Backend.OpenReadAsync(context, cancellationToken);
        var checker = new AuditIntegrityChecker(session.AuditStore, session.AuditStore as IAuditAnchorStore, session.Checkpoints?.Signer, session.Checkpoints?.Store);
        AuditIntegrityReport report;
        if (requestId is not null)
        {
            var request = await session.Requests.GetAsync(requestId, cancellationToken);
            report = await checker.CheckAsync(requestId, request, cancellationToken);
            if (request is null && report.Events == 0 && report.Ok)
            {
                throw CliException.NotFound($"There is no audit trail for request {requestId}.", "Check the id with 'gdpr list'.");
            }
        }
        else
        {
            report = await checker.CheckAllAsync(session.Requests, cancellationToken);
        }

        if (context.Json)
        {
            context.Output.WriteJson(new
            {
                verified = report.Ok,
                requests = report.Requests,
                events = report.Events,
                checkpoints = report.Checkpoints,
                broken = report.Findings.Select(f => new { requestId = f.RequestId, sequence = f.Break.Sequence, kind = f.Break.Kind.ToString(), description = f.Break.Description }),
            });
        }
        else if (report.Ok)
        {
            context.Output.Line($"Audit chain intact: {report.Requests} request(s), {report.Events} event(s) verified, {report.Checkpoints} signed checkpoint(s) checked.");
        }
        else
        {
            foreach (var finding in report.Findings)
            {
                context.Output.Line($"BROKEN {finding.RequestId} at event #{finding.Break.Sequence} ({finding.Break.Kind}): {finding.Break.Description}");
            }

            context.Output.Line($"{report.Findings.Count} of {report.Requests} audit chain(s) broken.");
        }

        return report.Ok ? ExitCodes.Ok : ExitCodes.Internal;
    }

    /// <summary><c>gdpr audit checkpoint</c>: signs the head of every chain with the checkpoint key (local installation).</summary>
    public static async Task<int> CheckpointAsync(CommandContext context, CancellationToken cancellationToken)
    {
        await using var session = await Backend.OpenReadAsync(context, cancellationToken);
        var home = session.Home
            ?? throw CliException.BadInput("With --aws, checkpoints are taken by the stack's checkpointer under its KMS key, not by the command line.", "Run 'gdpr audit checkpoint' against a local installation.");
        var checkpoints = LocalAuditCheckpoints.ForCheckpointer(home);
        var checkpoint = await new AuditCheckpointer(session.Requests, session.AuditStore, session.AuditStore as IAuditAnchorStore, checkpoints, checkpoints, session.Time)
            .TakeAsync(cancellationToken);
        if (context.Json)
        {
            context.Output.WriteJson(new { takenAt = checkpoint.TakenAt, heads = checkpoint.Heads.Count });
        }
        else
        {
            context.Output.Line($"Audit checkpoint signed: {checkpoint.Heads.Count} chain head(s) at {checkpoint.TakenAt:O}.");
        }

        return ExitCodes.Ok;
    }

    private static string Describe() =>
        "Verify the hash chain of audit trails: every event's hash over its content and its predecessor's hash, the head anchored in each request's record and the latest signed checkpoint. Exits 0 when intact, 1 when a chain is broken, truncated, deleted or missing.";
}
