using System.Globalization;

namespace Gdpr.Workflows.Local;

/// <summary>How long the local engine keeps an ended execution's history: <c>GDPR_EXECUTION_HISTORY_DAYS</c>, 90 days by default.</summary>
public static class ExecutionHistorySetting
{
    public const string Variable = "GDPR_EXECUTION_HISTORY_DAYS";

    /// <summary>What AWS Step Functions keeps a closed execution for.</summary>
    public const int DefaultDays = 90;

    public const int MaxDays = 3650;

    /// <exception cref="InvalidDataException">The variable is set to anything but a whole number of days from 1 to 3650.</exception>
    public static TimeSpan FromEnvironment(Func<string, string?> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var text = read(Variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return TimeSpan.FromDays(DefaultDays);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= MaxDays
            ? TimeSpan.FromDays(days)
            : throw new InvalidDataException($"{Variable} must be a whole number of days from 1 to {MaxDays} (how long an ended execution's engine history is kept), not '{text}'.");
    }
}
