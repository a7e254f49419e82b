using System.CommandLine;
using Gdpr.Workflows.Cli.Commands;
using Gdpr.Workflows.Cli.Infrastructure;

namespace Gdpr.Workflows.Cli;

/// <summary>The <c>gdpr</c> command tree and its entry point.</summary>
public static class GdprCli
{
    public const string Description = """
        gdpr - GDPR Art. 17 erasure requests, orchestrated by a durable workflow.

        By default everything runs locally: the stores, the vault and the workflow engine live in the data directory
        ($GDPR_HOME, default ~/.gdpr-workflows; created on first use with its master key, subject-hash pepper and API
        tokens, owner-only). Commands that change a request run the engine until the workflow waits for someone;
        'gdpr serve' keeps it running and serves the HTTP API; while it runs, those commands are sent to it and run
        there. --store dynamodb keeps requests and audit trail in the stack's DynamoDB tables instead of SQLite
        (--endpoint for moto_server or DynamoDB Local). With --aws, status, list, history, export, audit and report
        read the deployed stack's tables.

        Start here: 'gdpr demo' erases a sample customer end to end in under a minute.

        Officers: submit, status, list, verify <id> --method, extend, pause, resume, cancel, retry, deadline.
        Async systems: task list, task succeed|fail|heartbeat.
        Auditors: history, export, audit verify (also 'verify-chain', or 'verify --request <id> | --all'), report.
        'verify <id> --method M' records an identity check; the audit-chain check is 'audit verify'.

        Exit codes: 0 ok, 1 internal error (or a broken audit chain), 2 bad input, 3 not found, 4 conflict (the
        request's state does not allow it, a task token was used, or another gdpr process runs the engine).

        Examples:
          gdpr demo
          gdpr submit --email jane@example.com
          gdpr verify <id> --method id-document
          gdpr list --overdue
          gdpr history --subject jane@example.com
          gdpr export --format csv --from 2025-01-01 --to 2025-12-31 -o audit.csv
        """;

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var globals = new GlobalOptions();
        var root = Build(globals, environment, args);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                environment.Error.WriteLine($"gdpr: {error.Message}");
            }

            var command = parse.CommandResult.Command;
            var path = command == root ? "gdpr" : "gdpr " + string.Join(' ', Ancestry(parse));
            environment.Error.WriteLine($"      See '{path} --help'.");
            if (parse.GetValue(globals.Json))
            {
                environment.Out.WriteLine(Output.CliJson.Serialize(new { error = new { code = "bad_input", exitCode = ExitCodes.BadInput, message = string.Join(" ", parse.Errors.Select(e => e.Message)), hint = $"See '{path} --help'." } }));
            }

            return ExitCodes.BadInput;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = environment.Out, Error = environment.Error, EnableDefaultExceptionHandler = false }, cancellationToken);
    }

    /// <param name="args">The command line, kept for forwarding to a running <c>gdpr serve</c>.</param>
    public static RootCommand Build(GlobalOptions globals, CliEnvironment environment, IReadOnlyList<string>? args = null)
    {
        var root = new RootCommand(Description);
        foreach (var option in globals.All)
        {
            root.Options.Add(option);
        }

        Task<int> Run(ParseResult parse, Func<CommandContext, Task<int>> work, CancellationToken cancellationToken)
        {
            var context = new CommandContext(parse, environment, globals, args);
            return CommandRunner.RunAsync(context, () => work(context), cancellationToken);
        }

        var audit = new AuditCommand();
        root.Subcommands.Add(new DemoCommand().Build(Run));
        root.Subcommands.Add(new ServeCommand().Build(Run));
        root.Subcommands.Add(new SubmitCommand().Build(Run));
        root.Subcommands.Add(new StatusCommand().Build(Run));
        root.Subcommands.Add(new ListCommand().Build(Run));
        root.Subcommands.Add(new ExtendCommand().Build(Run));
        root.Subcommands.Add(new VerifyCommand(audit).Build(Run));
        root.Subcommands.Add(ClockCommands.BuildPause(Run));
        root.Subcommands.Add(ClockCommands.BuildResume(Run));
        root.Subcommands.Add(new RetryCommand().Build(Run));
        root.Subcommands.Add(new CancelCommand().Build(Run));
        root.Subcommands.Add(TaskCommands.Build(Run));
        root.Subcommands.Add(new HistoryCommand().Build(Run));
        root.Subcommands.Add(new ExportCommand().Build(Run));
        root.Subcommands.Add(audit.Build(Run));
        root.Subcommands.Add(audit.BuildVerifyChain(Run));
        root.Subcommands.Add(new ReportCommand().Build(Run));
        root.Subcommands.Add(new DeadlineCommand().Build(Run));
        root.Subcommands.Add(new ReplyCommand().Build(Run));
        root.Subcommands.Add(new RefuseCommand().Build(Run));
        root.Subcommands.Add(new ConsoleCommand().Build(Run));
        root.Subcommands.Add(new EngineCommand().Build(Run));
        HelpExamples.AddTo(root);
        return root;
    }

    private static List<string> Ancestry(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        return names;
    }
}
