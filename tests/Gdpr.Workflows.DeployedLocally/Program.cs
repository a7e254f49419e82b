using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Amazon.Runtime;
using Gdpr.Workflows.Aws;
using Gdpr.Workflows.DeployedLocally;
using Gdpr.Workflows.Engine.Sam;
using Gdpr.Workflows.TestSupport.Moto;

// The stack of template.yaml as deployed, on one machine (see docs/deployed-locally.md). Run by
// scripts/deployed-locally.sh; its last line is `deployed-locally: N functions, request <id> <status>, chain verified`.
try
{
    var options = RunOptions.Parse(args);
    var total = Stopwatch.StartNew();
    const string region = "eu-west-2";
    var credentials = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AWS_ACCESS_KEY_ID"] = "AKIDDEPLOYEDLOCALLY",
        ["AWS_SECRET_ACCESS_KEY"] = "deployed-locally-secret",
        ["AWS_REGION"] = region,
        ["AWS_DEFAULT_REGION"] = region,
    };
    Directory.CreateDirectory(options.WorkDirectory);
    var credentialsFile = Path.Combine(options.WorkDirectory, "step-functions.credentials");
    await File.WriteAllTextAsync(credentialsFile,
        $"[default]\naws_access_key_id = {credentials["AWS_ACCESS_KEY_ID"]}\naws_secret_access_key = {credentials["AWS_SECRET_ACCESS_KEY"]}\n");

    var template = SamTemplate.Load(
        options.Template,
        new Dictionary<string, string>(StringComparer.Ordinal) { ["Stage"] = StackResources.Stage, ["NotificationEmail"] = "officers@example.com" },
        new SamTemplateOptions { Region = region, AccountId = "123456789012", StackName = "gdpr-workflows-" + StackResources.Stage });
    using var pem = X509Certificate2.CreateFromPemFile(options.ServerCertificate, options.ServerKey);
    using var certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);

    using var moto = MotoServerProcess.Start(tls: (options.ServerCertificate, options.ServerKey));
    var motoOptions = new AwsClientOptions
    {
        Region = region,
        Endpoint = moto.Endpoint,
        Credentials = new BasicAWSCredentials(credentials["AWS_ACCESS_KEY_ID"], credentials["AWS_SECRET_ACCESS_KEY"]),
    };

    // The functions need the front door's URL (the crm connector secret) and the front door needs the functions:
    // the stack is created once the front door listens, and the functions read their environment at first start.
    StackResources? stack = null;
    Uri? engineUrl = null;
    var childTrust = new Dictionary<string, string>(StringComparer.Ordinal) { ["SSL_CERT_FILE"] = options.CaCertificate };
    await using var functions = new Functions(template, options.Artifacts, function =>
        new Dictionary<string, string>(stack!.EnvironmentOf(function), StringComparer.Ordinal)
        {
            ["AWS_ENDPOINT_URL"] = moto.Endpoint.ToString(),
            ["AWS_ENDPOINT_URL_SFN"] = engineUrl!.ToString(),
        }.Concat(credentials).Concat(childTrust).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal));
    await using var frontDoor = await FrontDoor.StartAsync(certificate, functions);
    stack = await StackResources.CreateAsync(template, motoOptions, frontDoor.Url);
    using var engine = await EngineServeProcess.StartAsync(
        options, frontDoor.Url, moto.Endpoint, credentialsFile, credentials.Concat(childTrust).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal));
    engineUrl = engine.Url;
    Console.WriteLine($"moto_server {moto.Endpoint}, gdpr engine serve {engine.Url}, Lambda and HTTP API {frontDoor.Url} (all HTTPS, test CA)");

    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
    var cli = new AwsCli(options.CaCertificate, credentials);
    var scenario = new ErasureScenario(template, stack, functions, http, frontDoor.Url, engine.Url, cli, requestId => AuditVerify.RunAsync(options, moto.Endpoint, requestId, credentials, childTrust));
    (string RequestId, string Status) outcome;
    try
    {
        outcome = await scenario.RunAsync();
    }
    catch (DeployedLocallyException)
    {
        Console.Error.WriteLine("gdpr engine serve's log:" + Environment.NewLine + engine.Log);
        foreach (var function in functions.All.Where(f => f.Log.Length > 0))
        {
            Console.Error.WriteLine($"{function.Function.LogicalId}'s log:{Environment.NewLine}{function.Log}");
        }

        throw;
    }

    var ran = functions.All.Where(f => f.ColdStartMilliseconds is not null).ToList();
    var notRun = functions.All.Except(ran).Select(f => f.Function.LogicalId).ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"cold starts: {ran.Count} functions, median {Median(ran.Select(f => f.ColdStartMilliseconds!.Value)):F1} ms, max {ran.Max(f => f.ColdStartMilliseconds!.Value):F1} ms; run took {total.Elapsed.TotalSeconds:F1} s"));
    if (notRun.Count > 0)
    {
        throw new DeployedLocallyException($"never invoked: {string.Join(", ", notRun)}");
    }

    if (long.TryParse(Environment.GetEnvironmentVariable("GDPR_DEPLOYED_STARTED"), CultureInfo.InvariantCulture, out var scriptStarted))
    {
        Console.WriteLine($"scripts/deployed-locally.sh took {DateTimeOffset.UtcNow.ToUnixTimeSeconds() - scriptStarted} s (publishing included)");
    }

    Console.WriteLine($"deployed-locally: {ran.Count} functions, request {outcome.RequestId} {outcome.Status}, chain verified");
    return 0;
}
catch (DeployedLocallyException e)
{
    Console.Error.WriteLine("deployed-locally: " + e.Message);
    return 1;
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
