using System.IO.Compression;
using Gdpr.Workflows.Erasure.Registry;
using Snappier;
using ZstdSharp;

namespace Gdpr.Workflows.Lake.Formats;

/// <summary>Whole-file compression of the text formats: undone to read, redone with the same codec (its default level) to write.</summary>
internal static class TextCompression
{
    public static byte[] Decompress(byte[] bytes, LakeCompression compression)
    {
        switch (compression)
        {
            case LakeCompression.None:
                return bytes;
            case LakeCompression.Zstd:
                using (var zstd = new Decompressor())
                {
                    return zstd.Unwrap(bytes).ToArray();
                }

            default:
                using (var input = new MemoryStream(bytes, writable: false))
                using (var stream = Open(input, compression, CompressionMode.Decompress))
                using (var output = new MemoryStream(bytes.Length * 4))
                {
                    stream.CopyTo(output);
                    return output.ToArray();
                }
        }
    }

    public static byte[] Compress(ReadOnlySpan<byte> bytes, LakeCompression compression)
    {
        switch (compression)
        {
            case LakeCompression.None:
                return bytes.ToArray();
            case LakeCompression.Zstd:
                using (var zstd = new Compressor())
                {
                    return zstd.Wrap(bytes).ToArray();
                }

            default:
                using (var output = new MemoryStream())
                {
                    using (var stream = Open(output, compression, CompressionMode.Compress))
                    {
                        stream.Write(bytes);
                    }

                    return output.ToArray();
                }
        }
    }

    private static Stream Open(Stream stream, LakeCompression compression, CompressionMode mode) => compression switch
    {
        LakeCompression.Gzip => new GZipStream(stream, mode, leaveOpen: true),
        LakeCompression.Snappy => new SnappyStream(stream, mode, leaveOpen: true),
        _ => throw new ArgumentOutOfRangeException(nameof(compression)),
    };
}
