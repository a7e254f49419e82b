using System.CommandLine;
using Gdpr.Workflows.Cli.Http;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Local;
using Microsoft.Extensions.DependencyInjection;

namespace Gdpr.Workflows.Cli.Commands;

/// <summary><c>gdpr serve</c>: runs the local engine continuously and serves the HTTP API on 127.0.0.1.</summary>
public sealed class ServeCommand
{
    private readonly Option<int> port = new("--port") { Description = "The port on 127.0.0.1 (default: a free one, printed at start and written to serve.json in the data directory).", DefaultValueFactory = _ => 0 };
    private readonly Option<string?> address = new("--address") { Description = "The IP address to listen on (default 127.0.0.1). Any address but loopback needs --tls-cert and --tls-key: the API is then served over HTTPS only.", HelpName = "ip" };
    private readonly Option<string?> tlsCert = new("--tls-cert") { Description = "A PEM certificate to serve HTTPS with (with --tls-key).", HelpName = "file" };
    private readonly Option<string?> tlsKey = new("--tls-key") { Description = "The PEM private key of --tls-cert.", HelpName = "file" };
    private readonly Option<string?> apiUrl = new("--api-url") { Description = "With --aws: the deployed stack's API URL (its HttpApiUrl output; default $GDPR_API_URL). The console's actions are calls to it, signed with your AWS credentials.", HelpName = "url" };
    private readonly Option<string?> stage = new("--stage") { Description = "With --aws: the stack's stage (its Stage parameter; default $GDPR_STAGE, else dev). The console shows the systems registry the stack's functions read, from SSM /gdpr-workflows/<stage>/systems/; --registry overrides it with a file.", HelpName = "stage" };
    private readonly Option<string?> subjectKey = new("--subject-key") { Description = "With --aws: the stack's KMS HMAC key (id, ARN or alias; default $GDPR_SUBJECT_HASH_KEY_ID), so the console can search by subject (needs kms:GenerateMac). Without it, search by request id only.", HelpName = "key" };

    public Command Build(RunCommand run)
    {
        var command = new Command("serve", "Run the local engine continuously and serve the HTTP API on 127.0.0.1 (routes as the deployed API: POST /requests, GET /requests/{id}, "
            + "GET /requests/{id}/history, POST /requests/{id}/cancel, POST /requests/{id}/verification, POST /tasks/callback, ...). Every call needs 'Authorization: Bearer <token>': "
            + "api-token (officers), api-token-auditor (auditors) or api-token-system-<name> (the system <name>, which sees and answers only its own tasks) in the data directory, created on first run. "
            + "With --aws --api-url URL: no engine and no API here; the console only, on 127.0.0.1, over a DEPLOYED stack: it reads the stack's DynamoDB tables (--region, --profile, --endpoint, --table-prefix) "
            + "and carries out officers' actions through the stack's API, signed (SigV4) with your AWS credentials. Stops on Ctrl+C.")
        {
            port,
            address,
            tlsCert,
            tlsKey,
            apiUrl,
            subjectKey,
            stage,
        };
        command.SetAction((parse, ct) => run(parse, context => ExecuteAsync(context, ct), ct));
        return command;
    }

    private async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var log = (string? requestId, string message) =>
        {
            lock (context.Environment.Error)
            {
                context.Environment.Error.WriteLine($"gdpr serve [{requestId ?? "-"}] {message}");
            }
        };
        // Refuse a listening address before anything starts (exit 2): plain HTTP only on loopback.
        var (ip, tls) = ServeAddress.Resolve(context.Value(address), context.Value(tlsCert), context.Value(tlsKey));
        if (context.Aws)
        {
            return await ServeStackConsole.RunAsync(context, ip, tls, context.Value(port), new ServeStackConsole.StackConsoleChoices(context.Value(apiUrl), context.Value(subjectKey), context.Value(stage)), log, cancellationToken);
        }

        var options = LocalInstallation.Options(context, engine: true);
        await using var host = await LocalHost.StartAsync(new LocalHostOptions
        {
            Home = options.Home,
            TemplatePath = options.TemplatePath,
            RegistryPath = options.RegistryPath,
            Time = options.Time,
            Stores = options.Stores,
            Connectors = options.Connectors,
            Handlers = options.Handlers,
            SubscribeToTasks = options.SubscribeToTasks,
            Log = log,
            RunSchedules = true,
        }, cancellationToken);
        var tokens = ApiTokens.LoadOrCreate(host.Home, host.Services.Registry.Systems.Select(s => s.Name));
        await using var server = await ApiHost.StartAsync(new ApiHostOptions
        {
            Host = host,
            Tokens = tokens,
            Log = log,
            Address = ip,
            Port = context.Value(port),
            Tls = tls,
            Services = ServeMounts.Services(),
            Mounts = ServeMounts.For(),
        }, cancellationToken);
        var info = new ServeInfo(server.Url.ToString(), Environment.ProcessId);
        info.Write(host.Home);
        try
        {
            var tokenFile = Path.Combine(host.Home.Directory, ApiTokens.FileName(ApiRole.Officer));
            var consoleLink = server.Services.GetRequiredService<ConsoleMount>().OfficerLink(server.Url, context.Officer);
            if (context.Json)
            {
                context.Output.WriteJson(new { url = server.Url.ToString(), console = consoleLink, home = host.Home.Directory, officerToken = tokenFile, systemTokens = tokens.Systems.Keys.ToDictionary(s => s, s => Path.Combine(host.Home.Directory, ApiTokens.SystemFileName(s))), auditorToken = Path.Combine(host.Home.Directory, ApiTokens.FileName(ApiRole.Auditor)), stepFunctionsCredentials = Path.Combine(host.Home.Directory, StepFunctionsMount.CredentialsFileName) });
            }
            else
            {
                context.Output.Line($"gdpr serve: listening on {server.Url} (data directory {host.Home.Directory}).");
                context.Output.Line($"Try: curl -H \"Authorization: Bearer $(cat {tokenFile})\" {server.Url}requests");
                context.Output.Line($"Console: {consoleLink}");
                context.Output.Line("  (a one-time officer sign-in link, valid 10 minutes; 'gdpr console' prints a fresh one for any role)");
                var sfnCredentials = Path.Combine(host.Home.Directory, StepFunctionsMount.CredentialsFileName);
                context.Output.Line($"Step Functions API: {server.Url.GetLeftPart(UriPartial.Authority)} (SigV4 with the key in {sfnCredentials}: AWS_SHARED_CREDENTIALS_FILE={sfnCredentials} aws stepfunctions ... --endpoint-url {server.Url.GetLeftPart(UriPartial.Authority)})");
                context.Output.Line("Stop with Ctrl+C.");
            }

            context.Output.Writer.Flush();
            using var stopPush = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var webhookHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var push = new WebhookDispatcher(host, Webhooks(context, host), webhookHttp, log).RunAsync(stopPush.Token);
            try
            {
                await server.RunAsync(cancellationToken);
            }
            finally
            {
                await stopPush.CancelAsync();
                await push;
            }
        }
        finally
        {
            ServeInfo.Delete(host.Home);
        }

        return ExitCodes.Ok;
    }

    /// <summary>The push deliveries, their backoff shortened by GDPR_WEBHOOK_RETRY_SECONDS and GDPR_WEBHOOK_GIVE_UP_SECONDS (tests, drills).</summary>
    private static WebhookDeliveries Webhooks(CommandContext context, LocalHost host)
    {
        static TimeSpan? Seconds(string? text) => int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var s) && s > 0 ? TimeSpan.FromSeconds(s) : null;
        return new WebhookDeliveries(host.Home, host.Services.Time, Seconds(context.Environment.Variables("GDPR_WEBHOOK_RETRY_SECONDS")), Seconds(context.Environment.Variables("GDPR_WEBHOOK_GIVE_UP_SECONDS")));
    }
}
