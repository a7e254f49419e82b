using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Gdpr.Workflows.Aws;

namespace Gdpr.Workflows.Aws.Tests.TestSupport;

/// <summary>
/// A <c>moto_server</c> (from the image's Python, on PATH) on a free loopback port, for the life of a test class or
/// collection. Fails with a clear message if moto is missing or does not come up.
/// </summary>
public class MotoServer : IDisposable
{
    public const string Region = "eu-west-1";
    private const int StartAttempts = 3;
    private static readonly TimeSpan StartupWait = TimeSpan.FromSeconds(30);

    private readonly Process _process;

    public MotoServer()
        : this(new Dictionary<string, string>())
    {
    }

    /// <param name="environment">Extra variables for the server, e.g. moto's INITIAL_NO_AUTH_ACTION_COUNT.</param>
    protected MotoServer(IReadOnlyDictionary<string, string> environment)
    {
        // The free port is found before moto binds it, so another process may take it first: then try another.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            var process = Start(port, environment);
            if (WaitUntilListening(process, port))
            {
                _process = process;
                Endpoint = new Uri($"http://127.0.0.1:{port}/");
                return;
            }

            var exitCode = process.ExitCode;
            process.Dispose();
            if (attempt == StartAttempts)
            {
                throw new InvalidOperationException($"moto_server exited at start with code {exitCode}, {StartAttempts} times.");
            }
        }
    }

    public Uri Endpoint { get; }

    /// <summary>Options for a client of this server; moto accepts any credentials unless IAM auth is on.</summary>
    public AwsClientOptions Options(AWSCredentials? credentials = null) => new()
    {
        Region = Region,
        Endpoint = Endpoint,
        Credentials = credentials ?? new BasicAWSCredentials("AKIDMOTO", "moto-secret"),
    };

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5_000);
        }

        _process.Dispose();
        GC.SuppressFinalize(this);
    }

    private static Process Start(int port, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("moto_server")
        {
            ArgumentList = { "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("moto_server did not start.");
        }
        catch (Win32Exception missing)
        {
            throw new InvalidOperationException(
                "moto_server is not on PATH. These tests need moto's server (Python package moto[server]).", missing);
        }

        // Drain its request log so the pipe never fills and blocks it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>True once moto accepts connections on the port; false if it exited (e.g. the port was taken).</summary>
    private static bool WaitUntilListening(Process process, int port)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < StartupWait)
        {
            if (process.HasExited)
            {
                return false;
            }

            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return !process.HasExited;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"moto_server did not listen on port {port} within {StartupWait.TotalSeconds} s.");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoServer>
{
    public const string Name = "moto";
}
