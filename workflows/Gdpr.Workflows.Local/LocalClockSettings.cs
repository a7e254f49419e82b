using Gdpr.Workflows.Erasure.Deadlines;

namespace Gdpr.Workflows.Local;

/// <summary>
/// The controller's clock settings locally: the data directory's <c>settings.json</c> when present, then the
/// <c>GDPR_JURISDICTION</c>, <c>GDPR_TRUSTED_CHANNELS</c>, ... variables over it (see <see cref="ClockSettingsReader"/>).
/// </summary>
public static class LocalClockSettings
{
    public const string VariablePrefix = "GDPR_";

    /// <exception cref="InvalidDataException">The file or a variable holds a bad value, named.</exception>
    public static ClockSettings Load(GdprHome home, Func<string, string?>? environment = null)
    {
        var path = Path.Combine(home.Directory, ClockSettingsReader.FileName);
        var settings = File.Exists(path) ? ClockSettingsReader.Parse(File.ReadAllText(path)) : new ClockSettings();
        return ClockSettingsReader.FromEnvironment(environment ?? Environment.GetEnvironmentVariable, VariablePrefix, settings);
    }
}
