using Gdpr.Workflows.Aws;
using Gdpr.Workflows.Aws.Http;
using Gdpr.Workflows.Aws.Kms;
using Gdpr.Workflows.Aws.Ssm;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.WebConsole.Backends;

namespace Gdpr.Workflows.Cli.Infrastructure;

/// <summary>
/// The console's backend for <c>gdpr serve --aws</c>: reads the stack's DynamoDB tables (as the read commands do with
/// --aws), acts through the stack's HTTP API signed with SigV4 (service execute-api) with the officer's credentials,
/// and hashes subjects with the stack's KMS HMAC key when one is named (--subject-key), else says search by subject
/// is unavailable.
/// </summary>
public sealed class AwsConsoleBackend : IAsyncDisposable
{
    /// <summary>The stack's API URL (the HttpApiUrl output).</summary>
    public const string ApiUrlVariable = "GDPR_API_URL";

    /// <summary>The stack's KMS HMAC key for subject hashes (its SubjectHashKey, as the functions' SUBJECT_HASH_KEY_ID).</summary>
    public const string SubjectKeyVariable = "GDPR_SUBJECT_HASH_KEY_ID";

    private readonly List<IDisposable> owned;

    private AwsConsoleBackend(ConsoleBackend backend, List<IDisposable> owned)
    {
        Backend = backend;
        this.owned = owned;
    }

    public ConsoleBackend Backend { get; }

    /// <summary>The stack's stage (its Stage parameter), which names the SSM path of its systems registry.</summary>
    public const string StageVariable = "GDPR_STAGE";

    /// <summary>The template's default Stage.</summary>
    public const string DefaultStage = "dev";

    /// <exception cref="CliException">No API URL, a non-HTTPS one off loopback, no region or credentials, no table names, or a table that does not exist (bad input).</exception>
    public static async Task<AwsConsoleBackend> OpenAsync(CommandContext context, string? apiUrlOption, string? subjectKeyOption, string? stageOption, CancellationToken cancellationToken)
    {
        var apiUrl = ApiUrl(apiUrlOption ?? context.Environment.Variables(ApiUrlVariable));
        var region = AwsBackend.Region(context);
        var credentials = AwsBackend.Credentials(context);
        var tables = StackTables.Of(context);
        var (stores, dynamo) = AwsBackend.OpenTables(context);
        var owned = new List<IDisposable> { dynamo };
        try
        {
            await tables.CheckAsync(dynamo, cancellationToken);
        }
        catch
        {
            dynamo.Dispose();
            throw;
        }

        var http = new HttpClient(new AwsSigV4Handler(credentials, region, "execute-api", context.Environment.Time) { InnerHandler = new SocketsHttpHandler() })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
        owned.Add(http);

        ISubjectHasher? hasher = null;
        if ((subjectKeyOption ?? context.Environment.Variables(SubjectKeyVariable)) is { Length: > 0 } keyId)
        {
            var kms = new KmsClient(ClientOptions(context, "KMS", region, credentials));
            owned.Add(kms);
            hasher = new KmsSubjectHasher(kms, keyId);
        }

        var time = context.Environment.Time;
        var deadlines = ErasureDeadlines.UnitedKingdom();
        var audit = new AuditLedger(stores.Audit, time);
        var (registry, registrySource) = await RegistryAsync(context, stageOption, region, credentials, cancellationToken);
        var unavailable = "Search by subject needs the stack's KMS HMAC key: restart with --subject-key <key id or alias> (the stack's SubjectHashKey; your credentials need kms:GenerateMac on it). Search by request id works.";
        var backend = new ConsoleBackend
        {
            Requests = stores.Requests,
            Audit = audit,
            AuditHistory = stores.Audit,
            Hasher = hasher,
            HasherUnavailable = unavailable,
            Registry = registry,
            RegistrySource = registrySource,
            SystemTasks = stores.SystemTasks(time),
            Deadlines = deadlines,
            Status = new StatusService(stores.Requests, deadlines, hasher ?? new NoHasher(unavailable), time, PhoneNumberDefaults.UnitedKingdom),
            History = new HistoryService(audit),
            Actions = new AwsConsoleActions(http, apiUrl),
            Cli = new AwsConsoleCommandLine(context.Environment, StackOptions(context)),
            Deployed = apiUrl.ToString(),
            Stack = new DeployedStack(apiUrl, region, tables.Shown),
        };
        return new AwsConsoleBackend(backend, owned) { Tables = tables };
    }

    /// <summary>The stack's tables as named here (for the message when one is missing).</summary>
    public StackTables Tables { get; private init; } = null!;

    /// <summary>The API URL: absolute, HTTPS unless on loopback (a local stand-in), always ending in '/'.</summary>
    public static Uri ApiUrl(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw CliException.BadInput("gdpr serve --aws needs the stack's API URL: the console's actions go through it.",
                $"Pass --api-url https://<api-id>.execute-api.<region>.amazonaws.com/ (the stack's HttpApiUrl output) or set {ApiUrlVariable}.");
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
        {
            throw CliException.BadInput("--api-url must be an https:// URL (plain http only on 127.0.0.1, for a local stand-in of the stack).", "e.g. --api-url https://abc123.execute-api.eu-west-2.amazonaws.com/");
        }

        return url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
    }

    public ValueTask DisposeAsync()
    {
        foreach (var resource in owned)
        {
            resource.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The systems registry: --registry's file when given (an override), else the stack's own, read from SSM under
    /// /gdpr-workflows/&lt;stage&gt;/systems/ as its functions read it (<see cref="SsmSystemRegistry"/>). A registry that
    /// cannot be read leaves the pages showing the systems each request lists, and the banner says why.
    /// </summary>
    private static async Task<(SystemRegistry? Registry, string Source)> RegistryAsync(CommandContext context, string? stageOption, string region, Amazon.Runtime.AWSCredentials credentials, CancellationToken cancellationToken)
    {
        if (context.Value(context.Globals.Registry) is { Length: > 0 } path)
        {
            try
            {
                return (SystemRegistry.Load(path), "registry " + path + " (--registry)");
            }
            catch (SystemRegistryException e)
            {
                throw CliException.BadInput(e.Message, "Give --registry the systems.yaml the stack was deployed with, or leave it out to read the stack's own from SSM.");
            }
        }

        var stage = stageOption ?? context.Environment.Variables(StageVariable) ?? DefaultStage;
        var parameters = $"/gdpr-workflows/{stage}/systems/";
        using var ssm = new SsmClient(ClientOptions(context, "SSM", region, credentials));
        try
        {
            return (await SsmSystemRegistry.LoadAsync(ssm, parameters, cancellationToken), "registry ssm:" + parameters);
        }
        catch (Exception e) when (e is SystemRegistryException or AwsServiceException or TransientErasureException or HttpRequestException)
        {
            return (null, $"no registry (ssm:{parameters} could not be read: {e.Message})");
        }
    }

    /// <summary>A client of the stack's <paramref name="service"/>: its AWS_ENDPOINT_URL_&lt;SERVICE&gt;, AWS_ENDPOINT_URL or --endpoint when set.</summary>
    private static AwsClientOptions ClientOptions(CommandContext context, string service, string region, Amazon.Runtime.AWSCredentials credentials)
    {
        var endpoint = context.Environment.Variables("AWS_ENDPOINT_URL_" + service) ?? context.Environment.Variables("AWS_ENDPOINT_URL")
            ?? context.Value(context.Globals.Endpoint) ?? context.Environment.Variables(StoreSelection.EndpointVariable);
        return new AwsClientOptions { Region = region, Credentials = credentials, Endpoint = string.IsNullOrEmpty(endpoint) ? null : new Uri(endpoint), TimeProvider = context.Environment.Time };
    }

    /// <summary>The options that point the read commands at the same stack.</summary>
    private static List<string> StackOptions(CommandContext context)
    {
        var options = new List<string> { "--region=" + AwsBackend.Region(context) };
        foreach (var (option, name) in new[] { (context.Globals.Profile, "--profile"), (context.Globals.Endpoint, "--endpoint"), (context.Globals.TablePrefix, "--table-prefix") })
        {
            if (context.Value(option) is { Length: > 0 } value)
            {
                options.Add($"{name}={value}");
            }
        }

        return options;
    }

    private sealed class NoHasher(string why) : ISubjectHasher
    {
        public ValueTask<string> HashAsync(SubjectIdentifier identifier, CancellationToken cancellationToken = default) => throw new InvalidInputException(why);
    }
}
