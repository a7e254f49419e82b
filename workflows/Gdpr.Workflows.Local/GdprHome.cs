namespace Gdpr.Workflows.Local;

/// <summary>
/// The local data directory: <c>$GDPR_HOME</c>, else <c>~/.gdpr-workflows</c>. It holds the SQLite stores
/// (<c>stores.db</c>), the engine's executions (<c>engine.db</c>), the vault master key, the subject-hash pepper and
/// the API tokens; the secrets are created on first use, readable by the owner only.
/// </summary>
public sealed class GdprHome
{
    /// <summary>The environment variable that overrides the directory.</summary>
    public const string EnvironmentVariable = "GDPR_HOME";

    /// <summary>The directory's name under the user's home when <see cref="EnvironmentVariable"/> is not set.</summary>
    public const string DefaultFolderName = ".gdpr-workflows";

    private GdprHome(string directory) => Directory = directory;

    public string Directory { get; }

    public string StoresFile => Path.Combine(Directory, "stores.db");

    public string EngineFile => Path.Combine(Directory, "engine.db");

    /// <summary>The sample systems' own data (orders, CRM, marketing, support desk).</summary>
    public string SamplesFile => Path.Combine(Directory, "samples.db");

    /// <summary>The erasure tasks sent to async systems and not answered yet (see <see cref="TaskInbox"/>).</summary>
    public string TasksFile => Path.Combine(Directory, "tasks.db");

    /// <summary>32 random bytes (hex): the master key the vault's data keys are wrapped with.</summary>
    public string MasterKeyFile => Path.Combine(Directory, "master.key");

    /// <summary>32 random bytes (hex): the HMAC key of subject hashes.</summary>
    public string PepperFile => Path.Combine(Directory, "subject-hash.pepper");

    /// <summary>32 random bytes (hex): the HMAC key of audit checkpoints, read only by the checkpointer and the verifier, never by the stores' writers.</summary>
    public string CheckpointKeyFile => Path.Combine(Directory, "audit-checkpoint.key");

    /// <summary>The signed audit checkpoints (see <see cref="LocalAuditCheckpoints"/>).</summary>
    public string CheckpointsDirectory => Path.Combine(Directory, "audit-checkpoints");

    /// <summary>Held by the process that runs the engine, so two processes never run the same executions.</summary>
    public string EngineLockFile => Path.Combine(Directory, "engine.lock");

    /// <summary>Written by <c>gdpr serve</c>: its URL and process id, so other commands can find it.</summary>
    public string ServeFile => Path.Combine(Directory, "serve.json");

    /// <summary>
    /// Resolves the directory from <paramref name="environment"/> (default: the process environment) without creating it.
    /// </summary>
    public static GdprHome Resolve(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (environment(EnvironmentVariable) is { Length: > 0 } configured)
        {
            return new GdprHome(Path.GetFullPath(configured));
        }

        var home = environment("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (string.IsNullOrEmpty(home))
        {
            throw new InvalidOperationException($"Cannot find your home directory: set {EnvironmentVariable} to the directory gdpr should keep its data in.");
        }

        return new GdprHome(Path.Combine(home, DefaultFolderName));
    }

    /// <summary>A home at an explicit path (tests, --home).</summary>
    public static GdprHome At(string directory) => new(Path.GetFullPath(directory));

    /// <summary>Creates the directory (owner-only on Unix) when missing.</summary>
    public GdprHome EnsureCreated()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            if (OperatingSystem.IsWindows())
            {
                System.IO.Directory.CreateDirectory(Directory);
            }
            else
            {
                System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        return this;
    }

    /// <summary>True when the directory already holds stores (something was submitted or seeded before).</summary>
    public bool HasStores => File.Exists(StoresFile);
}
