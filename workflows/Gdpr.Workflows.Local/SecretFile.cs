using System.Security.Cryptography;
using System.Text;

namespace Gdpr.Workflows.Local;

/// <summary>
/// A random secret kept in a file readable by its owner only (mode 600), created on first use. Two processes
/// starting together agree on one value: the file is created exclusively, and the loser reads the winner's.
/// </summary>
public static class SecretFile
{
    /// <summary>The secret's bytes, from the file; a new random secret of <paramref name="bytes"/> bytes when it is missing.</summary>
    public static byte[] ReadOrCreate(string path, int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 16);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (TryRead(path) is { } existing)
            {
                return existing;
            }

            var secret = RandomNumberGenerator.GetBytes(bytes);
            if (TryCreate(path, Convert.ToHexStringLower(secret)))
            {
                return secret;
            }

            // Another process is writing it: read theirs once it is complete.
            Thread.Sleep(20);
        }

        throw new InvalidOperationException($"The secret file {path} exists but holds no hex secret; delete it to have a new one generated (data encrypted or hashed with the old one becomes unreadable).");
    }

    /// <summary>A token: URL-safe text of <paramref name="bytes"/> random bytes, created on first use.</summary>
    public static string ReadOrCreateToken(string path, int bytes = 32) => Convert.ToHexStringLower(ReadOrCreate(path, bytes));

    private static byte[]? TryRead(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.ASCII).Trim();
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        return text.Length > 0 && text.Length % 2 == 0 && text.All(char.IsAsciiHexDigit) ? Convert.FromHexString(text) : null;
    }

    private static bool TryCreate(string path, string hex)
    {
        // Written to a private temporary file, then linked into place without replacing: readers never see half a secret.
        var temporary = path + "." + Environment.ProcessId + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(Encoding.ASCII.GetBytes(hex + "\n"));
            stream.Flush(flushToDisk: true);
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return false;
        }
    }
}
