using System.Net.Sockets;
using System.Text;

namespace Gdpr.Workflows.Reliability.Scenarios.Hostile;

/// <summary>
/// Requests no HTTP client would send (CRLF in the request line and headers, conflicting lengths, bad versions),
/// written to the socket as bytes. Each must be refused with a 4xx or the connection closed, never served.
/// </summary>
public static class RawHttpCases
{
    /// <summary>Each case's request text; {token} is replaced by the officer's token.</summary>
    public static readonly string[] Requests =
    [
        "GET /requests HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nX-A: a\rX-Injected: 1\r\n\r\n",
        "GET /requests%0D%0ASet-Cookie:%20evil=1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\r\n",
        "GET /requests/req-1\r\nX-Injected: 1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\r\n",
        "POST /requests HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "POST /requests HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: -1\r\n\r\n{}",
        "POST /requests HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: 99999999999999999999\r\n\r\n{}",
        "POST /requests HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\n{}",
        "GET /requests HTTP/9.9\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\r\n",
        "BREW /requests HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\r\n",
        "GET ../../../etc/passwd HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\r\n",
        "GET /requests HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\n Folded: header\r\n\r\n",
        "GET /%%32%65%%32%65/requests HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\r\n",
    ];

    /// <summary>Sends one raw request; null when it was refused (a 4xx, 505 or a closed connection), else what came back.</summary>
    public static async Task<string?> CheckAsync(Uri url, string token, string request, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(url.Host, url.Port, cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request.Replace("{token}", token, StringComparison.Ordinal)), cancellationToken);
        client.Client.Shutdown(SocketShutdown.Send);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                answer.Append(Encoding.Latin1.GetString(buffer, 0, read));
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Reset or no more bytes: what arrived so far is the answer.
        }

        var text = answer.ToString();
        var statusLine = text.Split("\r\n", 2)[0];
        var parts = statusLine.Split(' ');
        // 505 (HTTP Version Not Supported) is the listener's refusal of an unknown version.
        if (text.Length == 0 || (parts.Length >= 2 && parts[1].Length == 3 && (parts[1][0] == '4' || parts[1] == "505")))
        {
            return text.Contains("\r\nX-Injected", StringComparison.OrdinalIgnoreCase) || text.Contains("\r\nSet-Cookie", StringComparison.OrdinalIgnoreCase)
                ? $"raw: the answer carries an injected header: {statusLine}"
                : null;
        }

        return $"raw: {request.Split("\r\n")[0].Replace("\r", "\\r", StringComparison.Ordinal)} was answered '{statusLine}', not refused";
    }
}
