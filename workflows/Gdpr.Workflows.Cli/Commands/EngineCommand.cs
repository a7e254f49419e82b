using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gdpr.Workflows.Aws;
using Gdpr.Workflows.Aws.Sns;
using Gdpr.Workflows.Cli.EngineIntegrations;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Engine.Api;
using Gdpr.Workflows.Engine.Integrations;
using Gdpr.Workflows.Engine.Integrations.Lambda;

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

    private readonly Option<string?> tlsCert = new("--tls-cert") { Description = "A PEM certificate to serve HTTPS with (with --tls-key); clients must trust its CA.", HelpName = "file" };

    private readonly Option<string?> tlsKey = new("--tls-key") { Description = "The PEM private key of --tls-cert.", HelpName = "file" };

    private readonly Option<string?> lambdaEndpoint = new("--lambda-endpoint")
    {
        Description = "Invoke the functions of Lambda Task states through Lambda's Invoke API at this URL (e.g. the emulator of scripts/deployed-locally.sh).",
        HelpName = "url",
    };

    private readonly Option<string?> snsEndpoint = new("--sns-endpoint")
    {
        Description = "Send sns:publish Task states to the SNS API at this URL (e.g. moto_server), SigV4-signed with the usual AWS_* credentials, instead of local topics.",
        HelpName = "url",
    };

    public Command Build(RunCommand run)
    {
        var serve = new Command("serve", "Serve the AWS Step Functions API (AWS JSON 1.0, X-Amz-Target: AWSStepFunctions.*) on 127.0.0.1 from an engine of its own: "
            + "state machines and executions persist in step-functions.db in the data directory (--home). Any region and credentials are accepted unless --credentials is given. "
            + "Task states can use arn:aws:states:::sqs:sendMessage(.waitForTaskToken) on local queues; a task token is in GetExecutionHistory's TaskScheduled parameters. Stops on Ctrl+C.")
        {
            port,
            credentials,
            tlsCert,
            tlsKey,
            lambdaEndpoint,
            snsEndpoint,
        };
        serve.SetAction((parse, ct) => run(parse, context => ServeAsync(context, ct), ct));
        return new Command("engine", "The local Step Functions engine on its own.") { serve };
    }

    private async Task<int> ServeAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var verifier = context.Value(credentials) is { Length: > 0 } file ? new SigV4Verifier(CredentialFile.Read(file)) : null;
        var region = context.Value(context.Globals.Region) ?? context.Environment.Variables("AWS_REGION") ?? "us-east-1";
        using var lambdaHttp = new HttpClient { Timeout = TimeSpan.FromMinutes(15) };
        using var sns = context.Value(snsEndpoint) is { Length: > 0 } snsUrl
            ? new SnsClient(new AwsClientOptions { Region = region, Endpoint = EndpointUri(snsUrl, "--sns-endpoint") })
            : null;
        var integrations = new List<ITaskIntegration>();
        if (context.Value(lambdaEndpoint) is { Length: > 0 } lambdaUrl)
        {
            integrations.Add(new LambdaIntegration(new LambdaInvokeApiFunctions(EndpointUri(lambdaUrl, "--lambda-endpoint"), lambdaHttp, region, "123456789012")));
        }

        if (sns is not null)
        {
            integrations.Add(new SnsEndpointPublishIntegration(sns));
        }

        using var certificate = Certificate(context.Value(tlsCert), context.Value(tlsKey));
        await using var engine = await StandaloneEngine.OpenAsync(context.Home.Directory, region, integrations, cancellationToken);
        await using var server = await StepFunctionsApiServer.StartAsync(engine.Api, context.Value(port), verifier, certificate, cancellationToken);
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

    private static Uri EndpointUri(string value, string option) =>
        Uri.TryCreate(value.EndsWith('/') ? value : value + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw CliException.BadInput($"{option} must be an http(s) URL, not '{value}'");

    private static X509Certificate2? Certificate(string? certificatePath, string? keyPath)
    {
        if (certificatePath is null && keyPath is null)
        {
            return null;
        }

        if (certificatePath is null || keyPath is null)
        {
            throw CliException.BadInput("--tls-cert and --tls-key go together");
        }

        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            // Kestrel needs the key in a form the TLS stack can use: round-trip through PKCS#12, as gdpr serve does.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw CliException.BadInput($"Cannot read the TLS certificate and key (PEM): {e.Message}");
        }
    }
}
