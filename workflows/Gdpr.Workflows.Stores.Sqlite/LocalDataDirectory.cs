namespace Gdpr.Workflows.Stores.Sqlite;

/// <summary>Where the local (non-AWS) installation keeps its files.</summary>
public static class LocalDataDirectory
{
    /// <summary>Overrides the directory, e.g. for a service account or a test run.</summary>
    public const string EnvironmentVariable = "GDPR_WORKFLOWS_DATA_DIR";

    /// <summary>The stores' file name inside the directory.</summary>
    public const string StoresFileName = "stores.db";

    /// <summary>
    /// <c>$GDPR_WORKFLOWS_DATA_DIR</c>, else <c>$XDG_DATA_HOME/gdpr-workflows</c>, else the user's local
    /// application data folder + <c>gdpr-workflows</c>. Not created here.
    /// </summary>
    public static string Resolve()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var root = xdg is { Length: > 0 } ? xdg : Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(root))
        {
            throw new InvalidOperationException($"No local data directory: set {EnvironmentVariable}.");
        }

        return Path.Combine(root, "gdpr-workflows");
    }

    /// <summary>The default path of the SQLite stores file.</summary>
    public static string StoresFile() => Path.Combine(Resolve(), StoresFileName);
}
