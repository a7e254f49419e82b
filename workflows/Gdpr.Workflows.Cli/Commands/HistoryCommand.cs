using System.CommandLine;
using System.Globalization;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Output;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Subjects;

namespace Gdpr.Workflows.Cli.Commands;

/// <summary>
/// <c>gdpr history</c>: the audit trail of one request, of every request about one subject (the identifier is hashed
/// here with the local pepper and never stored), or of a period (optionally one system).
/// </summary>
public sealed class HistoryCommand
{
    private readonly Option<string?> request = new("--request") { Description = "One request's audit trail, in sequence, with its chain checked.", HelpName = "id" };
    private readonly Option<string?> subject = new("--subject") { Description = "Every request about the subject with this email, phone number or customer id (hashed locally; never stored).", HelpName = "identifier" };
    private readonly Option<string?> subjectKind = new("--subject-kind") { Description = "What --subject is when it cannot be told from its form: email, phone or customer_id." };
    private readonly Option<string?> from = new("--from") { Description = "First day of a period (YYYY-MM-DD, UTC).", HelpName = "date" };
    private readonly Option<string?> to = new("--to") { Description = "Last day of the period (default: --from).", HelpName = "date" };
    private readonly Option<string?> system = new("--system") { Description = "With --from/--to: only this system's events." };
    private readonly Option<int> pageSize = new("--page-size") { Description = "Events (or, with --subject, requests) per page (1-1000).", DefaultValueFactory = _ => 100 };
    private readonly Option<string?> next = new("--next") { Description = "The token a previous page printed.", HelpName = "token" };

    public Command Build(RunCommand run)
    {
        var command = new Command("history", "Show the audit trail: --request <id>, --subject <email/phone/customer id>, or --from <date> --to <date> [--system S].")
        {
            request, subject, subjectKind, from, to, system, pageSize, next,
        };
        command.SetAction((parse, ct) => run(parse, context => ExecuteAsync(context, ct), ct));
        return command;
    }

    private async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var chosen = new[] { context.Value(request) is not null, context.Value(subject) is not null, context.Value(from) is not null }.Count(c => c);
        if (chosen != 1)
        {
            throw CliException.BadInput("Give exactly one of --request, --subject or --from.", "e.g. gdpr history --request req-..., or --from 2025-03-01 --to 2025-03-31");
        }

        var size = context.Value(pageSize);
        if (size is < 1 or > 1000)
        {
            throw CliException.BadInput($"--page-size {size} is out of range.", "Give 1 to 1000.");
        }

        await using var session = await Backend.OpenReadAsync(context, cancellationToken);
        if (context.Value(request) is { } requestId)
        {
            var history = await session.History.GetAsync(requestId, cancellationToken);
            var events = await session.Audit.ReadAsync(requestId, cancellationToken);
            Write(context, events, null, new { requestId, chainIntact = history.ChainIntact, chainBreak = history.ChainBreak });
            if (!context.Json)
            {
                context.Output.Line(history.ChainIntact ? "Audit chain intact." : $"AUDIT CHAIN BROKEN: {history.ChainBreak}");
            }

            return ExitCodes.Ok;
        }

        if (context.Value(subject) is { } value)
        {
            var hash = await session.RequireHasher().HashAsync(Identifier(value, context.Value(subjectKind)), cancellationToken);
            var page = await session.Requests.QueryBySubjectHashAsync(hash, size, context.Value(next), cancellationToken);
            var events = new List<AuditEvent>();
            foreach (var found in page.Items)
            {
                events.AddRange(await session.Audit.ReadAsync(found.RequestId, cancellationToken));
            }

            Write(context, events, page.ContinuationToken, new { requests = page.Items.Select(r => r.RequestId) });
            return ExitCodes.Ok;
        }

        var first = Arguments.Day(context.Value(from)!, "--from");
        var last = context.Value(to) is { } end ? Arguments.Day(end, "--to") : first;
        if (last < first)
        {
            throw CliException.BadInput("--to is before --from.", "Give the period's first day with --from and its last with --to.");
        }

        if (last.DayNumber - first.DayNumber + 1 > IAuditHistoryStore.MaxDays)
        {
            throw CliException.BadInput($"The period spans more than {IAuditHistoryStore.MaxDays} days.", "Query a year at a time, or use 'gdpr export' for longer periods.");
        }

        var eventsPage = await session.AuditHistory.QueryByDaysAsync(first, last, context.Value(system), size, context.Value(next), cancellationToken);
        Write(context, eventsPage.Items, eventsPage.ContinuationToken, new { from = CliOutput.Date(first), to = CliOutput.Date(last) });
        return ExitCodes.Ok;
    }

    /// <summary>A subject identifier from the command line; its kind is guessed from its form unless given.</summary>
    public static SubjectIdentifier Identifier(string value, string? kind)
    {
        var resolved = (kind ?? Arguments.IdentifierKind(value)).Trim().ToLowerInvariant();
        try
        {
            return resolved switch
            {
                "email" => SubjectIdentifier.Email(value),
                "phone" => SubjectIdentifier.Phone(value, PhoneNumberDefaults.UnitedKingdom),
                "customer_id" or "customer-id" or "customerid" => SubjectIdentifier.CustomerId(value),
                _ => throw CliException.BadInput($"--subject-kind '{kind}' is not email, phone or customer_id.", "Leave it out to have the kind told from the identifier's form."),
            };
        }
        catch (InvalidSubjectIdentifierException e)
        {
            throw CliException.BadInput($"--subject: {e.Message}", "Give an email address, a phone number (+44...) or a customer id.");
        }
    }

    private static void Write(CommandContext context, IReadOnlyList<AuditEvent> events, string? token, object header)
    {
        if (context.Json)
        {
            context.Output.WriteJson(new { query = header, events = events.Select(ExportCommand.Json), next = token });
            return;
        }

        if (events.Count == 0)
        {
            context.Output.Line("No audit events match.");
        }
        else
        {
            context.Output.Table(
                ["Request", "#", "When (UTC)", "Event", "Actor", "System", "Details"],
                events.Select(e => (IReadOnlyList<string?>)
                [
                    e.RequestId,
                    e.Sequence.ToString(CultureInfo.InvariantCulture),
                    CliOutput.Time(e.OccurredAt),
                    e.Type.Name,
                    e.Actor,
                    e.System,
                    string.Join(", ", e.Details.Select(d => $"{d.Key}={d.Value}")),
                ]));
        }

        if (token is not null)
        {
            context.Output.Line($"More: repeat with --next {token}");
        }
    }
}
