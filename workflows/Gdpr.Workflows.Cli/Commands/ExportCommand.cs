using System.CommandLine;
using System.Globalization;
using System.Text;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Output;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Cli.Commands;

/// <summary>
/// <c>gdpr export --format csv|jsonl --from --to</c>: the audit events of a period, streamed page by page (constant
/// memory whatever the period's size), to stdout or a file.
/// </summary>
public sealed class ExportCommand
{
    public const string CsvHeader = "requestId,sequence,occurredAt,type,actor,system,subjectHash,details,idempotencyKey,previousHash,hash";

    private const int PageSize = 1000;

    private readonly Option<string> format = new("--format") { Description = "csv (with a header line) or jsonl (one JSON object per event).", Required = true };
    private readonly Option<string> from = new("--from") { Description = "First day (YYYY-MM-DD, UTC).", Required = true, HelpName = "date" };
    private readonly Option<string> to = new("--to") { Description = "Last day (YYYY-MM-DD, UTC), inclusive.", Required = true, HelpName = "date" };
    private readonly Option<string?> system = new("--system") { Description = "Only this system's events." };
    private readonly Option<string?> output = new("--output", "-o") { Description = "Write to this file instead of stdout.", HelpName = "path" };

    public Command Build(RunCommand run)
    {
        var command = new Command("export", "Export the audit events of a period as CSV or JSON lines, streamed (any period length, constant memory).")
        {
            format, from, to, system, output,
        };
        command.SetAction((parse, ct) => run(parse, context => ExecuteAsync(context, ct), ct));
        return command;
    }

    /// <summary>An audit event as exported and as history --json prints it.</summary>
    public static object Json(AuditEvent e) => new
    {
        requestId = e.RequestId,
        sequence = e.Sequence,
        occurredAt = e.OccurredAt,
        type = e.Type.Name,
        actor = e.Actor,
        system = e.System,
        subjectHash = e.SubjectHash,
        details = e.Details,
        idempotencyKey = e.IdempotencyKey,
        previousHash = e.PreviousHash,
        hash = e.Hash,
    };

    public static string CsvRow(AuditEvent e) => string.Join(',',
        Csv(e.RequestId),
        e.Sequence.ToString(CultureInfo.InvariantCulture),
        Csv(e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
        Csv(e.Type.Name),
        Csv(e.Actor),
        Csv(e.System),
        Csv(e.SubjectHash),
        Csv(e.Details.Count == 0 ? null : CliJson.Serialize(e.Details)),
        Csv(e.IdempotencyKey),
        Csv(e.PreviousHash),
        Csv(e.Hash));

    private async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var kind = context.Value(format)!.Trim().ToLowerInvariant();
        if (kind is not ("csv" or "jsonl"))
        {
            throw CliException.BadInput($"--format '{context.Value(format)}' is not csv or jsonl.", "e.g. gdpr export --format csv --from 2025-01-01 --to 2025-12-31");
        }

        var first = Arguments.Day(context.Value(from)!, "--from");
        var last = Arguments.Day(context.Value(to)!, "--to");
        if (last < first)
        {
            throw CliException.BadInput("--to is before --from.", "Give the period's first day with --from and its last with --to.");
        }

        await using var session = await Backend.OpenReadAsync(context, cancellationToken);
        var path = context.Value(output);
        await using var file = path is null ? null : new StreamWriter(path, append: false, new UTF8Encoding(false));
        var writer = file ?? context.Environment.Out;
        if (kind == "csv")
        {
            await writer.WriteLineAsync(CsvHeader);
        }

        long count = 0;
        // The store answers at most MaxDays per query: walk the period a slice at a time, each slice page by page.
        for (var start = first; start <= last; start = start.AddDays(IAuditHistoryStore.MaxDays))
        {
            var end = start.AddDays(IAuditHistoryStore.MaxDays - 1);
            if (end > last)
            {
                end = last;
            }

            string? token = null;
            do
            {
                var page = await session.AuditHistory.QueryByDaysAsync(start, end, context.Value(system), PageSize, token, cancellationToken);
                foreach (var e in page.Items)
                {
                    await writer.WriteLineAsync(kind == "csv" ? CsvRow(e) : CliJson.Serialize(Json(e)));
                    count++;
                }

                await writer.FlushAsync(cancellationToken);
                token = page.ContinuationToken;
            }
            while (token is not null);
        }

        if (path is not null)
        {
            var summary = $"Exported {count} audit event(s) from {CliOutput.Date(first)} to {CliOutput.Date(last)} to {path}.";
            if (context.Json)
            {
                context.Output.WriteJson(new { events = count, path, from = CliOutput.Date(first), to = CliOutput.Date(last) });
            }
            else
            {
                context.Output.Line(summary);
            }
        }

        return ExitCodes.Ok;
    }

    private static string Csv(string? value)
    {
        if (value is null)
        {
            return string.Empty;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
