using System.Globalization;
using System.Text;

namespace Gdpr.Workflows.TestSupport.LambdaRuntime;

/// <summary>A request as a loopback fake server sees it.</summary>
public sealed record MinimalHttpRequest(
    string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// Just enough HTTP/1.1 server side for a Runtime API fake: keep-alive, Content-Length and chunked request bodies,
/// Content-Length responses. Can tell while a long poll waits whether the client has hung up.
/// </summary>
internal sealed class MinimalHttpConnection(Stream stream)
{
    private static readonly byte[] HeaderTerminator = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] LineTerminator = "\r\n"u8.ToArray();

    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;
    private Task<int>? _pendingRead;

    /// <summary>
    /// The read that is (or now starts) waiting for the client's next bytes: it completes with 0 when the client
    /// hangs up. Its bytes are not lost; the next <see cref="ReadRequestAsync"/> consumes them.
    /// </summary>
    public Task<int> PendingReadAsync(CancellationToken cancellationToken) => _pendingRead ??= StartRead(cancellationToken);

    /// <summary>The next request, or null when the client closed the connection.</summary>
    public async Task<MinimalHttpRequest?> ReadRequestAsync(CancellationToken cancellationToken)
    {
        int headerEnd;
        while ((headerEnd = Find(HeaderTerminator)) < 0)
        {
            if (await ReadMoreAsync(cancellationToken) == 0)
            {
                return null;
            }
        }

        var head = Encoding.ASCII.GetString(_buffer, _start, headerEnd - _start);
        _start = headerEnd + HeaderTerminator.Length;

        var lines = head.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3)
        {
            throw new InvalidDataException("Malformed HTTP request line.");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        var body = await ReadBodyAsync(headers, cancellationToken);
        return new MinimalHttpRequest(requestLine[0], requestLine[1], headers, body);
    }

    public async Task WriteResponseAsync(
        int status, IEnumerable<KeyValuePair<string, string>> headers, byte[] body, CancellationToken cancellationToken)
    {
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {ReasonPhrase(status)}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken);
        await stream.WriteAsync(body, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    private async Task<byte[]> ReadBodyAsync(Dictionary<string, string> headers, CancellationToken cancellationToken)
    {
        if (headers.TryGetValue("Transfer-Encoding", out var encoding)
            && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            return await ReadChunkedAsync(cancellationToken);
        }

        var length = headers.TryGetValue("Content-Length", out var text)
            ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture)
            : 0;
        return await ReadExactlyAsync(length, cancellationToken);
    }

    private async Task<byte[]> ReadChunkedAsync(CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var sizeLine = await ReadLineAsync(cancellationToken);
            var size = int.Parse(sizeLine.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                // Trailers, if any, end with an empty line.
                while ((await ReadLineAsync(cancellationToken)).Length > 0)
                {
                }

                return body.ToArray();
            }

            body.Write(await ReadExactlyAsync(size, cancellationToken));
            await ReadLineAsync(cancellationToken);
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        int lineEnd;
        while ((lineEnd = Find(LineTerminator)) < 0)
        {
            if (await ReadMoreAsync(cancellationToken) == 0)
            {
                throw new EndOfStreamException("The client closed the connection mid-request.");
            }
        }

        var line = Encoding.ASCII.GetString(_buffer, _start, lineEnd - _start);
        _start = lineEnd + LineTerminator.Length;
        return line;
    }

    private async Task<byte[]> ReadExactlyAsync(int length, CancellationToken cancellationToken)
    {
        while (_end - _start < length)
        {
            if (await ReadMoreAsync(cancellationToken) == 0)
            {
                throw new EndOfStreamException("The client closed the connection mid-request.");
            }
        }

        var bytes = _buffer.AsSpan(_start, length).ToArray();
        _start += length;
        return bytes;
    }

    private async Task<int> ReadMoreAsync(CancellationToken cancellationToken)
    {
        var read = await PendingReadAsync(cancellationToken);
        _pendingRead = null;
        _end += read;
        return read;
    }

    // Only called with no read in flight, so moving or growing the buffer is safe here.
    private Task<int> StartRead(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        return stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).AsTask();
    }

    private int Find(byte[] terminator)
    {
        var at = _buffer.AsSpan(_start, _end - _start).IndexOf(terminator);
        return at < 0 ? -1 : _start + at;
    }

    private static string ReasonPhrase(int status) => status switch
    {
        200 => "OK",
        202 => "Accepted",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        413 => "Payload Too Large",
        500 => "Internal Server Error",
        _ => "Status",
    };
}
