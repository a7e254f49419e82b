using System.CommandLine;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Output;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Commands;

/// <summary>
/// <c>gdpr deadline --received DATE [--jurisdiction J] [--months N]</c>: the deadline of a request received that day, for
/// any date past or future, recording nothing (officers plan with it), with the weekend days and bank holidays skipped.
/// </summary>
public sealed class DeadlineCommand
{
    private readonly Option<string> received = new("--received") { Description = "The day the request arrived (or the identity information asked for).", HelpName = "YYYY-MM-DD", Required = true };
    private readonly Option<string?> jurisdiction = new("--jurisdiction") { Description = "uk-ew, uk-sct or uk-ni (default the data directory's setting, else uk-ew).", HelpName = "code" };
    private readonly Option<int?> months = new("--months") { Description = "1 (default), or 2 or 3 for a period extended by 1 or 2 months.", HelpName = "N" };

    public Command Build(RunCommand run)
    {
        var command = new Command("deadline", "Compute the response deadline of a request received on a date (any year), recording nothing; lists the days skipped.")
        {
            received, jurisdiction, months,
        };
        command.SetAction((parse, ct) => run(parse, context => Task.FromResult(Execute(context)), ct));
        return command;
    }

    private int Execute(CommandContext context)
    {
        var day = Arguments.Day(context.Value(received)!, "--received");
        var settings = LocalClockSettings.Load(context.Home, context.Environment.Variables);
        var rules = ErasureDeadlines.For(context.Value(jurisdiction) is { } code ? settings with { Jurisdiction = Jurisdiction(code) } : settings);
        var deadline = rules.Plan(day, context.Value(months) ?? 1);
        var due = deadline.DueDate!.Value;
        if (context.Json)
        {
            context.Output.WriteJson(new
            {
                deadline = CliOutput.Date(due),
                received = CliOutput.Date(day),
                jurisdiction = rules.Jurisdiction,
                months = deadline.Months,
                skipped = deadline.MovedPast.Select(d => new { date = CliOutput.Date(d.Date), why = d.Reason }),
                explanation = deadline.Explanation,
            });
            return ExitCodes.Ok;
        }

        context.Output.Line($"Deadline: {CliOutput.Date(due)} ({rules.Jurisdiction}).");
        foreach (var line in deadline.Explanation)
        {
            context.Output.Line("  " + line);
        }

        return ExitCodes.Ok;
    }

    private static string Jurisdiction(string code) =>
        Erasure.Deadlines.Jurisdictions.TryParse(code, out _)
            ? code
            : throw CliException.BadInput($"--jurisdiction '{code}' is not {Erasure.Deadlines.Jurisdictions.Choices}.", "England and Wales: uk-ew; Scotland: uk-sct; Northern Ireland: uk-ni.");
}
