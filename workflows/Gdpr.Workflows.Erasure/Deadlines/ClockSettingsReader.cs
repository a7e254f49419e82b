using System.Globalization;
using System.Text.Json;

namespace Gdpr.Workflows.Erasure.Deadlines;

/// <summary>
/// Reads <see cref="ClockSettings"/> from the data directory's <c>settings.json</c> (local) or from environment
/// variables (deployed: template.yaml passes its parameters). docs/law.md lists every setting.
/// </summary>
/// <remarks>
/// JSON: <c>{"jurisdiction": "uk-sct", "trustedChannels": ["portal"], "identityReminderDays": 14,
/// "identityCloseDays": 30, "officerEscalationDays": 5, "clarificationPause": "access-only"}</c>, every field optional.
/// Variables: JURISDICTION, TRUSTED_CHANNELS (comma-separated), IDENTITY_REMINDER_DAYS, IDENTITY_CLOSE_DAYS,
/// OFFICER_ESCALATION_DAYS, CLARIFICATION_PAUSE (<paramref name="prefix"/> before each, e.g. "GDPR_" locally).
/// </remarks>
public static class ClockSettingsReader
{
    public const string FileName = "settings.json";

    /// <summary>Settings from JSON text, over <paramref name="defaults"/>.</summary>
    /// <exception cref="InvalidDataException">Malformed JSON, an unknown field or a bad value, named.</exception>
    public static ClockSettings Parse(string json, ClockSettings? defaults = null)
    {
        var settings = defaults ?? new ClockSettings();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{FileName} is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{FileName} must hold a JSON object.");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                var value = property.Value;
                settings = property.Name switch
                {
                    "jurisdiction" => settings with { Jurisdiction = Jurisdiction(Text(value, property.Name)) },
                    "trustedChannels" when value.ValueKind == JsonValueKind.Array =>
                        settings with { TrustedChannels = value.EnumerateArray().Select(v => Text(v, property.Name)).ToList() },
                    "identityReminderDays" => settings with { IdentityReminderDays = Days(value, property.Name) },
                    "identityCloseDays" => settings with { IdentityCloseDays = Days(value, property.Name) },
                    "officerEscalationDays" => settings with { OfficerEscalationDays = Days(value, property.Name) },
                    "clarificationPause" => settings with { ClarificationPause = Pause(Text(value, property.Name)) },
                    _ => throw new InvalidDataException(
                        $"{FileName}: '{property.Name}' is not a setting (or has the wrong type); settings: jurisdiction, trustedChannels, identityReminderDays, identityCloseDays, officerEscalationDays, clarificationPause."),
                };
            }
        }

        return Checked(settings);
    }

    /// <summary>Settings from variables named <paramref name="prefix"/> + JURISDICTION etc., over <paramref name="defaults"/>; unset ones keep the default.</summary>
    /// <exception cref="InvalidDataException">A bad value, named.</exception>
    public static ClockSettings FromEnvironment(Func<string, string?> read, string prefix = "", ClockSettings? defaults = null)
    {
        var settings = defaults ?? new ClockSettings();
        string? Get(string name) => read(prefix + name) is { Length: > 0 } value ? value.Trim() : null;
        if (Get("JURISDICTION") is { } jurisdiction)
        {
            settings = settings with { Jurisdiction = Jurisdiction(jurisdiction) };
        }

        if (Get("TRUSTED_CHANNELS") is { } channels)
        {
            settings = settings with { TrustedChannels = channels.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) };
        }

        if (Get("IDENTITY_REMINDER_DAYS") is { } reminder)
        {
            settings = settings with { IdentityReminderDays = Days(reminder, prefix + "IDENTITY_REMINDER_DAYS") };
        }

        if (Get("IDENTITY_CLOSE_DAYS") is { } close)
        {
            settings = settings with { IdentityCloseDays = Days(close, prefix + "IDENTITY_CLOSE_DAYS") };
        }

        if (Get("OFFICER_ESCALATION_DAYS") is { } escalation)
        {
            settings = settings with { OfficerEscalationDays = Days(escalation, prefix + "OFFICER_ESCALATION_DAYS") };
        }

        if (Get("CLARIFICATION_PAUSE") is { } pause)
        {
            settings = settings with { ClarificationPause = Pause(pause) };
        }

        return Checked(settings);
    }

    /// <summary>The code of a <see cref="ClarificationPause"/>: access-only or any-request.</summary>
    public static string Code(ClarificationPause pause) => pause == ClarificationPause.AnyRequest ? "any-request" : "access-only";

    private static ClockSettings Checked(ClockSettings settings) =>
        settings.IdentityReminderDays >= settings.IdentityCloseDays
            ? throw new InvalidDataException(
                $"identityReminderDays ({settings.IdentityReminderDays}) must be fewer than identityCloseDays ({settings.IdentityCloseDays}): the requester is reminded before the request closes.")
            : settings;

    private static string Jurisdiction(string code) =>
        Jurisdictions.TryParse(code, out var parsed)
            ? parsed.Code()
            : throw new InvalidDataException($"jurisdiction '{code}' is not {Jurisdictions.Choices}.");

    private static ClarificationPause Pause(string code) => code.Trim().ToLowerInvariant() switch
    {
        "access-only" => ClarificationPause.AccessOnly,
        "any-request" => ClarificationPause.AnyRequest,
        _ => throw new InvalidDataException($"clarificationPause '{code}' is not access-only or any-request."),
    };

    private static string Text(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new InvalidDataException($"{FileName}: '{name}' must be a non-empty string.");

    private static int Days(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var days) && days is >= 1 and <= 366
            ? days
            : throw new InvalidDataException($"{FileName}: '{name}' must be a whole number of days from 1 to 366.");

    private static int Days(string text, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= 366
            ? days
            : throw new InvalidDataException($"{name} must be a whole number of days from 1 to 366.");
}
