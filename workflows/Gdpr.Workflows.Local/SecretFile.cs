using System.Security.Cryptography;
using System.Text;

namespace Gdpr.Workflows.Local;

/// <summary>
/// A random secret kept in a file readable by its owner only (mode 600), created on first use. Processes and threads
/// starting together agree on one value: the creator holds an exclusive lock on <c>&lt;path&gt;.lock</c> while it checks
/// again and writes, and the file appears whole (written aside, then renamed into place).
/// </summary>
public static class SecretFile
{
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);

    /// <summary>The secret's bytes, from the file; a new random secret of <paramref name="bytes"/> bytes when it is missing.</summary>
    public static byte[] ReadOrCreate(string path, int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 16);
        if (TryRead(path) is { } existing)
        {
            return existing;
        }

        // A rename "without overwrite" is a check and a rename on Linux, not one atomic step (two racing creators
        // each saw no file and one replaced the other's secret): the lock makes check-and-create one step.
        using (AcquireLock(path + ".lock"))
        {
            if (TryRead(path) is { } created)
            {
                return created;
            }

            if (File.Exists(path))
            {
                throw new InvalidOperationException($"The secret file {path} exists but holds no hex secret; delete it to have a new one generated (data encrypted or hashed with the old one becomes unreadable).");
            }

            var secret = RandomNumberGenerator.GetBytes(bytes);
            Write(path, Convert.ToHexStringLower(secret));
            return secret;
        }
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

    private static FileStream AcquireLock(string lockPath)
    {
        var options = PrivateFile(FileMode.OpenOrCreate, FileAccess.ReadWrite);
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive lock, between processes as between threads.
                return new FileStream(lockPath, options);
            }
            catch (IOException) when (DateTime.UtcNow < deadline && !Directory.Exists(lockPath))
            {
                Thread.Sleep(10);
            }
        }
    }

    private static void Write(string path, string hex)
    {
        // Written to a private temporary file, then renamed into place: readers never see half a secret.
        var temporary = path + "." + Environment.ProcessId + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        using (var stream = new FileStream(temporary, PrivateFile(FileMode.CreateNew, FileAccess.Write)))
        {
            stream.Write(Encoding.ASCII.GetBytes(hex + "\n"));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static FileStreamOptions PrivateFile(FileMode mode, FileAccess access)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }
}
