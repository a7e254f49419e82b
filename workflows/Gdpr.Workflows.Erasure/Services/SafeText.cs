using System.Text.RegularExpressions;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Subjects;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>
/// Checks of the short texts services accept (codes, names, ids, officers' reasons): they end up in stored records,
/// audit events and execution histories, so anything shaped like personal data is refused.
/// </summary>
internal static partial class SafeText
{
    public const string UnnamedError = "Erasure.UnnamedError";

    /// <summary>A lower-case code such as "id-document" or "withdrawn-by-subject".</summary>
    public static string Code(string? value, string field)
    {
        var text = value?.Trim() ?? string.Empty;
        return CodePattern().IsMatch(text)
            ? text
            : throw new InvalidInputException($"'{field}' must be a short code: a lower-case letter, then up to 63 lower-case letters, digits or hyphens.");
    }

    /// <summary>An error name such as "States.Timeout"; anything else becomes <see cref="UnnamedError"/> (names are recorded, never refused).</summary>
    public static string ErrorName(string? value) =>
        value is not null && ErrorNamePattern().IsMatch(value) ? value : UnnamedError;

    /// <summary>Printable text of at most <paramref name="maxLength"/> characters that does not look like an email address or phone number.</summary>
    public static string FreeText(string? value, string field, int maxLength)
    {
        var text = value?.Trim() ?? string.Empty;
        if (text.Length == 0 || text.Length > maxLength || IdentifierText.HasInvisibleOrBrokenCharacters(text))
        {
            throw new InvalidInputException($"'{field}' must be 1 to {maxLength} printable characters.");
        }

        return AuditFieldRules.LooksLikeEmailOrPhone(text)
            ? throw new InvalidInputException($"'{field}' looks like it holds an email address or phone number; records never hold personal data.")
            : text;
    }

    /// <summary>Who did something: an officer or service id.</summary>
    public static string Actor(string? value, string field = "actor")
    {
        var text = value?.Trim() ?? string.Empty;
        return text.Length is >= 1 and <= 128 && !IdentifierText.HasInvisibleOrBrokenCharacters(text)
            ? text
            : throw new InvalidInputException($"'{field}' must be 1 to 128 printable characters.");
    }

    public static string RequestId(string? value)
    {
        try
        {
            RequestIdGuard.Check(value!, "requestId");
            return value!;
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException($"'requestId' is not valid: {e.Message}", e);
        }
    }

    /// <summary>An execution id (ARN): printable, no spaces, at most 2048 characters.</summary>
    public static string ExecutionId(string? value) =>
        value is { Length: >= 1 and <= 2048 } && value.All(c => c is >= '!' and <= '~')
            ? value
            : throw new InvalidInputException("'executionId' must be 1 to 2048 printable ASCII characters without spaces.");

    /// <summary>A system name as the registry writes it.</summary>
    public static string SystemName(string? value) =>
        value is not null && SystemPattern().IsMatch(value)
            ? value
            : throw new InvalidInputException("'system' must be a system name: a lower-case letter, then up to 62 lower-case letters, digits or hyphens.");

    [GeneratedRegex("^[a-z][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex ErrorNamePattern();

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SystemPattern();
}
