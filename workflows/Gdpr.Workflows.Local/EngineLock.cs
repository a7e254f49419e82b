namespace Gdpr.Workflows.Local;

/// <summary>
/// An exclusive lock on the data directory's engine: only its holder runs (and resumes) executions, so two
/// processes never run the same execution twice. Released when disposed or when the process dies.
/// </summary>
public sealed class EngineLock : IDisposable
{
    private readonly FileStream stream;

    private EngineLock(FileStream stream) => this.stream = stream;

    /// <summary>Takes the lock, or returns null when another process holds it.</summary>
    public static EngineLock? TryAcquire(string path)
    {
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            return new EngineLock(new FileStream(path, options));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => stream.Dispose();
}
