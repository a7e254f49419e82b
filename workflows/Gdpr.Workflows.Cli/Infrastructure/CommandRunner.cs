using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Engine.Language;
using Gdpr.Workflows.Engine.Sam;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Infrastructure;

/// <summary>
/// Runs a command's work and turns every failure into an exit code and a message that says what was wrong and what
/// to do (also as <c>{"error": {...}}</c> with --json).
/// </summary>
public static class CommandRunner
{
    public static async Task<int> RunAsync(CommandContext context, Func<Task<int>> work, CancellationToken cancellationToken = default)
    {
        try
        {
            try
            {
                return await work();
            }
            catch (ForwardToServeException forward)
            {
                // gdpr serve holds the engine: the command runs there and prints here what it printed there.
                return await ServeForwarder.ForwardAsync(context, forward.Server, cancellationToken);
            }
        }
        catch (Exception failure)
        {
            var (code, message, hint) = Describe(failure);
            Report(context, code, message, hint);
            if (context.Verbose && code == ExitCodes.Internal)
            {
                // What "run again with --verbose and report the output" promises: the whole failure, inner ones included.
                context.Environment.Error.WriteLine(failure.ToString());
            }

            return code;
        }
    }

    public static (int Code, string Message, string? Hint) Describe(Exception failure) => failure switch
    {
        CliException cli => (cli.ExitCode, cli.Message, cli.Hint),
        ErasureException { Kind: ErasureErrorKind.InvalidInput } e => (ExitCodes.BadInput, e.Message, "Check the value against 'gdpr <command> --help'."),
        ErasureException { Kind: ErasureErrorKind.NotFound } e => (ExitCodes.NotFound, e.Message, "Check the id: 'gdpr list' shows the open requests, 'gdpr task list' the waiting tasks."),
        ErasureException { Kind: ErasureErrorKind.Conflict } e => (ExitCodes.Conflict, e.Message, "'gdpr status <id>' shows where the request stands."),
        ErasureException e => (ExitCodes.Internal, $"{e.ErrorType}: {e.Message}", "Try again; if it persists, 'gdpr status <id>' and 'gdpr history --request <id>' show what happened."),
        InvalidContinuationTokenException e => (ExitCodes.BadInput, e.Message, "Run the command again without --next."),
        EngineBusyException e => (ExitCodes.Conflict, e.Message, null),
        FileNotFoundException e => (ExitCodes.NotFound, e.Message, null),
        DirectoryNotFoundException e => (ExitCodes.NotFound, e.Message, null),
        SystemRegistryException e => (ExitCodes.BadInput, e.Message, "Fix the registry file, or pass another with --registry."),
        SamTemplateException e => (ExitCodes.BadInput, e.Message, "Fix the template, or pass another with --template."),
        FunctionBindingException e => (ExitCodes.Internal, e.Message, "Every function of template.yaml needs an in-process handler; see functions/README.md."),
        AslDefinitionException e => (ExitCodes.BadInput, e.Message, "Fix the state machine definition the template names."),
        StepFunctionsApiException e => (e.IsNotFound ? ExitCodes.NotFound : e.IsConflict ? ExitCodes.Conflict : ExitCodes.Internal, e.Message, null),
        Amazon.DynamoDBv2.Model.ResourceNotFoundException e => (ExitCodes.BadInput, $"A DynamoDB table named here does not exist ({e.Message}).", StackTables.Hint),
        UnauthorizedAccessException e => (ExitCodes.Internal, e.Message, "Check the permissions of the data directory (--home, $GDPR_HOME)."),
        OperationCanceledException => (ExitCodes.Internal, "Interrupted.", "Run the command again: work in progress resumes where it stopped."),
        _ => (ExitCodes.Internal, $"Internal error ({failure.GetType().Name}): {failure.Message}", "This is a bug in gdpr; run again with --verbose and report the output."),
    };

    private static void Report(CommandContext context, int code, string message, string? hint)
    {
        if (context.Json)
        {
            context.Output.WriteJson(new { error = new { code = Name(code), exitCode = code, message, hint } });
        }

        context.Environment.Error.WriteLine($"gdpr: {message}");
        if (hint is not null)
        {
            context.Environment.Error.WriteLine($"      {hint}");
        }
    }

    private static string Name(int code) => code switch
    {
        ExitCodes.BadInput => "bad_input",
        ExitCodes.NotFound => "not_found",
        ExitCodes.Conflict => "conflict",
        _ => "internal",
    };
}
