using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace Gdpr.Workflows.Stores.Tests.Support;

/// <summary>
/// Starts <c>moto_server</c> (an in-process AWS mock from the Python package moto) on a free loopback
/// port for the DynamoDB tests, and stops it in <see cref="Dispose"/>. Each test creates its own tables
/// (see <see cref="TemplateTables"/>), so tests never see each other's items.
/// </summary>
public sealed class MotoServerFixture : IDisposable
{
    public const string InstallHint = "moto_server was not found on PATH; install it with: pip install 'moto[server]'";

    private readonly OneRequestAtATime _oneAtATime = new();
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    public MotoServerFixture()
    {
        var executable = FindOnPath("moto_server") ?? throw new InvalidOperationException(InstallHint);
        Port = FreeLoopbackPort();
        Endpoint = new Uri($"http://127.0.0.1:{Port}");
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-H");
        info.ArgumentList.Add("127.0.0.1");
        info.ArgumentList.Add("-p");
        info.ArgumentList.Add(Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {executable}.");
        _process.OutputDataReceived += (_, e) => Log(e.Data);
        _process.ErrorDataReceived += (_, e) => Log(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try
        {
            WaitUntilListening(TimeSpan.FromSeconds(60));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int Port { get; }

    public Uri Endpoint { get; }

    /// <summary>
    /// A client for the server (dummy credentials; moto accepts any) that sends one request at a time.
    /// moto_server is threaded but its DynamoDB backend is not isolated: a cancelled transaction restores
    /// a snapshot of the whole table, discarding writes that other threads made meanwhile. Serialising
    /// the requests makes moto linearizable, as DynamoDB is; the stores' own races (read head, then
    /// conditional write) still interleave freely between requests.
    /// </summary>
    public IAmazonDynamoDB CreateClient() => DynamoDbClients.Create(Endpoint.ToString(), _oneAtATime);

    /// <summary>The HTTP clients <see cref="CreateClient"/> uses (one request at a time), for clients built elsewhere, such as the gdpr tool's.</summary>
    public HttpClientFactory HttpClients => _oneAtATime;

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        _oneAtATime.Dispose();
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Log(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            if (_log.Length < 64 * 1024)
            {
                _log.AppendLine(line);
            }
        }
    }

    private void WaitUntilListening(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"moto_server exited with code {_process.ExitCode} before listening on port {Port}:{Environment.NewLine}{_log}");
            }

            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        throw new TimeoutException($"moto_server did not listen on port {Port} within {timeout.TotalSeconds} s:{Environment.NewLine}{_log}");
    }
}

[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoServerFixture>
{
    public const string Name = "moto_server";
}

/// <summary>DynamoDB clients for a given endpoint: moto's, or a real one named by GDPR_DYNAMODB_ENDPOINT.</summary>
public static class DynamoDbClients
{
    public const string RealEndpointVariable = "GDPR_DYNAMODB_ENDPOINT";

    /// <summary>
    /// A client for <paramref name="serviceUrl"/>. Credentials and region come from the usual AWS
    /// environment variables when set (a real endpoint), else dummy ones (moto, DynamoDB Local).
    /// </summary>
    public static IAmazonDynamoDB Create(string serviceUrl, HttpClientFactory? httpClientFactory = null)
    {
        var region = Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") ?? "us-east-1";
        var config = new AmazonDynamoDBConfig
        {
            ServiceURL = serviceUrl,
            AuthenticationRegion = region,
            MaxErrorRetry = 3,
            HttpClientFactory = httpClientFactory,
        };
        var keyId = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID");
        var secret = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY") ?? string.Empty;
        var session = Environment.GetEnvironmentVariable("AWS_SESSION_TOKEN");
        AWSCredentials credentials = (keyId, session) switch
        {
            ({ Length: > 0 }, { Length: > 0 }) => new SessionAWSCredentials(keyId, secret, session),
            ({ Length: > 0 }, _) => new BasicAWSCredentials(keyId, secret),
            _ => new BasicAWSCredentials("moto", "moto"),
        };
        return new AmazonDynamoDBClient(credentials, config);
    }
}

/// <summary>Hands the AWS SDK HTTP clients that share one gate, so at most one request is in flight.</summary>
internal sealed class OneRequestAtATime : HttpClientFactory, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new GatedHandler(_gate));

    public void Dispose() => _gate.Dispose();

    private sealed class GatedHandler(SemaphoreSlim gate) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                var response = await base.SendAsync(request, cancellationToken);
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                return response;
            }
            finally
            {
                gate.Release();
            }
        }
    }
}
