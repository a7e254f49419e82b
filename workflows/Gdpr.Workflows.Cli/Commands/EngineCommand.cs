using System.CommandLine;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Engine.Api;

namespace Gdpr.Workflows.Cli.Commands;

/// <summary>
/// <c>gdpr engine serve</c>: the local engine alone, behind the AWS Step Functions API on 127.0.0.1, for any client
/// that speaks it (the AWS CLI and SDKs with --endpoint-url); no GDPR workflow is loaded.
/// </summary>
public sealed class EngineCommand
{
    private readonly Option<int> port = new("--port") { Description = "The port on 127.0.0.1 (default: a free one, printed at start).", DefaultValueFactory = _ => 0 };

    private readonly Option<string?> credentials = new("--credentials")
    {
        Description = "A credentials file (the AWS CLI's format: aws_access_key_id, aws_secret_access_key): every call must then be SigV4-signed with one of its keys. Without it any credentials are accepted.",
        HelpName = "file",
    };

    public Command Build(RunCommand run)
    {
        var serve = new Command("serve", "Serve the AWS Step Functions API (AWS JSON 1.0, X-Amz-Target: AWSStepFunctions.*) on 127.0.0.1 from an engine of its own: "
            + "state machines and executions persist in step-functions.db in the data directory (--home). Any region and credentials are accepted unless --credentials is given. "
            + "Task states can use arn:aws:states:::sqs:sendMessage(.waitForTaskToken) on local queues; a task token is in GetExecutionHistory's TaskScheduled parameters. Stops on Ctrl+C.")
        {
            port,
            credentials,
        };
        serve.SetAction((parse, ct) => run(parse, context => ServeAsync(context, ct), ct));
        return new Command("engine", "The local Step Functions engine on its own.") { serve };
    }

    private async Task<int> ServeAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var verifier = context.Value(credentials) is { Length: > 0 } file ? new SigV4Verifier(CredentialFile.Read(file)) : null;
        var region = context.Value(context.Globals.Region) ?? context.Environment.Variables("AWS_REGION") ?? "us-east-1";
        await using var engine = await StandaloneEngine.OpenAsync(context.Home.Directory, region, cancellationToken);
        await using var server = await StepFunctionsApiServer.StartAsync(engine.Api, context.Value(port), verifier, cancellationToken);
        var url = server.Url.GetLeftPart(UriPartial.Authority);
        if (context.Json)
        {
            context.Output.WriteJson(new { url, home = context.Home.Directory, signaturesChecked = verifier is not null });
        }
        else
        {
            context.Output.Line($"Step Functions API: {url}");
            context.Output.Line($"Data directory {context.Home.Directory}; try: aws stepfunctions list-state-machines --endpoint-url {url}");
        }

        context.Output.Writer.Flush();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: executions stop here and resume at the next start.
        }

        return ExitCodes.Ok;
    }
}
