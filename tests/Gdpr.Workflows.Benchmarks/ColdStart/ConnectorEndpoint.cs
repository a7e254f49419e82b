using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gdpr.Workflows.Benchmarks.ColdStart;

/// <summary>
/// A sync system's erase endpoint on loopback for the SyncErase function: answers every POST with
/// <c>{"outcome": "erased", "reference": "coldstart-N"}</c>, as a system that erased the subject would.
/// </summary>
internal sealed class ConnectorEndpoint : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private int _served;

    public ConnectorEndpoint()
    {
        var port = FreeLoopbackPort();
        Url = new Uri($"http://127.0.0.1:{port}/erase");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = ServeAsync();
    }

    public Uri Url { get; }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _ = _serving.Exception;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                await reader.ReadToEndAsync();
            }

            var body = Encoding.UTF8.GetBytes($$"""{"outcome":"erased","reference":"coldstart-{{Interlocked.Increment(ref _served)}}"}""");
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
