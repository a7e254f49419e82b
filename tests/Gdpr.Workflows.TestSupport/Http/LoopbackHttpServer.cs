using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Gdpr.Workflows.TestSupport.LambdaRuntime;

namespace Gdpr.Workflows.TestSupport.Http;

/// <summary>What a <see cref="LoopbackHttpServer"/> handler answers.</summary>
public sealed record LoopbackHttpResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body);

/// <summary>
/// A small HTTP/1.1 server on 127.0.0.1 with a free port that answers every request with a handler, keep-alive
/// included. Built on raw sockets, so an answer costs microseconds: a benchmark can stand it in for a remote service
/// without measuring the stand-in.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<MinimalHttpConnection, CancellationToken, Task> _serveConnection;
    private readonly X509Certificate2? _tls;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentBag<TcpClient> _clients = [];
    private readonly ConcurrentBag<Task> _connections = [];
    private readonly Task _acceptLoop;

    public LoopbackHttpServer(Func<MinimalHttpRequest, CancellationToken, Task<LoopbackHttpResponse>> handle)
        : this((connection, stopping) => AnswerEachAsync(connection, handle, stopping))
    {
    }

    /// <summary>
    /// The same server speaking HTTPS with <paramref name="tls"/> (e.g. <see cref="TestCertificateAuthority.ServerCertificate"/>),
    /// as the AWS endpoints it stands in for do: a client then pays the handshake it pays in production.
    /// </summary>
    public LoopbackHttpServer(Func<MinimalHttpRequest, CancellationToken, Task<LoopbackHttpResponse>> handle, X509Certificate2 tls)
        : this((connection, stopping) => AnswerEachAsync(connection, handle, stopping), tls)
    {
    }

    /// <summary>
    /// A server that hands each connection to <paramref name="serveConnection"/> (the Runtime API fake, whose long polls
    /// need the connection itself). Hang-ups and stopping end a connection quietly.
    /// </summary>
    internal LoopbackHttpServer(Func<MinimalHttpConnection, CancellationToken, Task> serveConnection, X509Certificate2? tls = null)
    {
        _serveConnection = serveConnection;
        _tls = tls;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Url = new Uri($"{(tls is null ? "http" : "https")}://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary><c>http://127.0.0.1:port/</c>, or <c>https://</c> when serving TLS.</summary>
    public Uri Url { get; }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await _acceptLoop;
        await Task.WhenAll(_connections).WaitAsync(TimeSpan.FromSeconds(10));
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception stopped) when (stopped is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            client.NoDelay = true;
            _clients.Add(client);
            _connections.Add(Task.Run(() => ServeConnectionAsync(client)));
        }
    }

    private async Task ServeConnectionAsync(TcpClient client)
    {
        try
        {
            Stream stream = client.GetStream();
            if (_tls is not null)
            {
                var secure = new SslStream(stream, leaveInnerStreamOpen: false);
                await secure.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _tls }, _stopping.Token);
                stream = secure;
            }

            await using (stream)
            {
                await _serveConnection(new MinimalHttpConnection(stream), _stopping.Token);
            }
        }
        catch (Exception gone) when (gone is IOException or SocketException or ObjectDisposedException
                                         or OperationCanceledException or InvalidDataException or System.Security.Authentication.AuthenticationException)
        {
            // The client hung up or the server is stopping; the connection just ends.
        }
        finally
        {
            client.Dispose();
        }
    }

    private static async Task AnswerEachAsync(
        MinimalHttpConnection connection, Func<MinimalHttpRequest, CancellationToken, Task<LoopbackHttpResponse>> handle, CancellationToken stopping)
    {
        while (await connection.ReadRequestAsync(stopping) is { } request)
        {
            var response = await handle(request, stopping);
            await connection.WriteResponseAsync(response.Status, response.Headers, response.Body, stopping);
        }
    }
}
