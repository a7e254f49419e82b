using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gdpr.Workflows.TestSupport.Moto;

/// <summary>
/// A <c>moto_server</c> (the AWS mock of the Python package moto[server], on PATH) listening on a free loopback port until
/// disposed. Test fixtures and the cold-start benchmark share it. Fails with moto's own output if it does not come up.
/// </summary>
public sealed class MotoServerProcess : IDisposable
{
    public const string InstallHint = "moto_server is not on PATH; install it with: pip install 'moto[server]'";

    private const int StartAttempts = 3;
    private static readonly TimeSpan StartupWait = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _log;

    private MotoServerProcess(Process process, StringBuilder log, int port, string scheme)
    {
        _process = process;
        _log = log;
        Port = port;
        Endpoint = new Uri($"{scheme}://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
    }

    public int Port { get; }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/</c> (https with a certificate), for every service (moto routes by the request).</summary>
    public Uri Endpoint { get; }

    /// <summary>What moto printed so far (its request log), at most 64 KiB.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <param name="environment">Extra variables for the server, e.g. moto's INITIAL_NO_AUTH_ACTION_COUNT.</param>
    /// <param name="tls">A PEM certificate and key: moto then serves HTTPS only (its clients must trust the issuer).</param>
    /// <exception cref="InvalidOperationException">moto_server is missing or does not listen.</exception>
    public static MotoServerProcess Start(IReadOnlyDictionary<string, string>? environment = null, (string Certificate, string Key)? tls = null)
    {
        // The free port is found before moto binds it, so another process may take it first: then try another.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            var log = new StringBuilder();
            var process = Launch(port, environment ?? new Dictionary<string, string>(), log, tls);
            if (WaitUntilListening(process, port, log))
            {
                return new MotoServerProcess(process, log, port, tls is null ? "http" : "https");
            }

            var exitCode = process.ExitCode;
            process.Dispose();
            if (attempt == StartAttempts)
            {
                throw new InvalidOperationException($"moto_server exited at start with code {exitCode}, {StartAttempts} times:{Environment.NewLine}{log}");
            }
        }
    }

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
    }

    private static Process Launch(int port, IReadOnlyDictionary<string, string> environment, StringBuilder log, (string Certificate, string Key)? tls)
    {
        var start = new ProcessStartInfo("moto_server")
        {
            ArgumentList = { "-H", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (tls is { } files)
        {
            start.ArgumentList.Add("--ssl-cert");
            start.ArgumentList.Add(files.Certificate);
            start.ArgumentList.Add("--ssl-key");
            start.ArgumentList.Add(files.Key);
        }

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
            throw new InvalidOperationException(InstallHint, missing);
        }

        // Drain its request log so the pipe never fills and blocks it.
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            if (log.Length < 64 * 1024)
            {
                log.AppendLine(line);
            }
        }
    }

    /// <summary>True once moto accepts connections on the port; false if it exited (e.g. the port was taken).</summary>
    private static bool WaitUntilListening(Process process, int port, StringBuilder log)
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
        throw new TimeoutException($"moto_server did not listen on port {port} within {StartupWait.TotalSeconds} s:{Environment.NewLine}{log}");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
