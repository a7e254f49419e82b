using System.CommandLine;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Requests;

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
        return new Command("audit", "Auditors' checks of the append-only, hash-chained audit trail.") { verify };
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
        var ids = requestId is not null ? ToAsync([requestId]) : AllRequestIds(session, cancellationToken);
        var checkedRequests = 0;
        var events = 0;
        var broken = new List<(string RequestId, AuditChainBreak Break)>();
        await foreach (var id in ids)
        {
            var verification = await session.Audit.VerifyAsync(id, cancellationToken: cancellationToken);
            if (verification.EventCount == 0 && requestId is not null)
            {
                throw CliException.NotFound($"There is no audit trail for request {requestId}.", "Check the id with 'gdpr list'.");
            }

            checkedRequests++;
            events += verification.EventCount;
            if (!verification.Ok)
            {
                broken.Add((id, verification.Break!));
            }
        }

        var ok = broken.Count == 0;
        if (context.Json)
        {
            context.Output.WriteJson(new
            {
                verified = ok,
                requests = checkedRequests,
                events,
                broken = broken.Select(b => new { requestId = b.RequestId, sequence = b.Break.Sequence, kind = b.Break.Kind.ToString(), description = b.Break.Description }),
            });
        }
        else if (ok)
        {
            context.Output.Line($"Audit chain intact: {checkedRequests} request(s), {events} event(s) verified.");
        }
        else
        {
            foreach (var (id, chainBreak) in broken)
            {
                context.Output.Line($"BROKEN {id} at event #{chainBreak.Sequence} ({chainBreak.Kind}): {chainBreak.Description}");
            }

            context.Output.Line($"{broken.Count} of {checkedRequests} audit chain(s) broken.");
        }

        return ok ? ExitCodes.Ok : ExitCodes.Internal;
    }

    /// <summary>Every request id, by walking each status's listing.</summary>
    public static async IAsyncEnumerable<string> AllRequestIds(ReadSession session, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var status in Enum.GetValues<RequestStatus>())
        {
            string? token = null;
            do
            {
                var page = await session.Requests.QueryByStatusAsync(status, 1000, token, cancellationToken);
                foreach (var request in page.Items)
                {
                    yield return request.RequestId;
                }

                token = page.ContinuationToken;
            }
            while (token is not null);
        }
    }

    private static string Describe() =>
        "Verify the hash chain of audit trails: every event's hash over its content and its predecessor's hash. Exits 0 when intact, 1 when a chain is broken.";

    private static async IAsyncEnumerable<string> ToAsync(IEnumerable<string> items)
    {
        foreach (var item in items)
        {
            yield return item;
        }

        await Task.CompletedTask;
    }
}
