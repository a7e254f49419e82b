using System.Runtime.InteropServices;
using ParquetSharp;
using ParquetSharp.IO;

namespace Gdpr.Workflows.Lake.Formats;

/// <summary>
/// A Parquet reader over an object's bytes, pinned and handed to Arrow C++ as a native buffer: no managed stream
/// callbacks (whose delegates a late finalizer could call after collection) and no copy. Dispose after every reader
/// it gave out.
/// </summary>
internal sealed class ParquetBytes : IDisposable
{
    private readonly GCHandle _pin;
    private readonly ParquetSharp.IO.Buffer _buffer;
    private readonly BufferReader _input;

    public ParquetBytes(byte[] bytes)
    {
        _pin = GCHandle.Alloc(bytes, GCHandleType.Pinned);
        _buffer = new ParquetSharp.IO.Buffer(_pin.AddrOfPinnedObject(), bytes.Length);
        _input = new BufferReader(_buffer);
        Reader = new ParquetFileReader(_input);
    }

    public ParquetFileReader Reader { get; }

    /// <summary>Writes a file through <paramref name="write"/> into a native buffer and returns its bytes.</summary>
    public static byte[] Write(Action<OutputStream> write)
    {
        using var sink = new BufferOutputStream();
        write(sink);
        using var buffer = sink.Finish();
        return buffer.ToArray();
    }

    public void Dispose()
    {
        Reader.Dispose();
        _input.Dispose();
        _buffer.Dispose();
        _pin.Free();
    }
}
