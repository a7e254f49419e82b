namespace Gdpr.Workflows.Erasure.Subjects;

/// <summary>
/// Normalises a phone number to E.164: "+" then 8 to 15 ASCII digits, the first not 0.
/// Spaces, dashes, dots and parentheses are dropped; a leading "00" becomes "+"; the UK-style
/// "(0)" after an international prefix ("+44 (0)20 ...") is dropped; a national number needs
/// <see cref="PhoneNumberDefaults"/>.
/// </summary>
/// <remarks>Extensions and letters (vanity numbers) are rejected rather than guessed.</remarks>
public static class PhoneNumberNormalizer
{
    public const int MinDigits = 8;
    public const int MaxDigits = 15;

    /// <summary>Returns the E.164 form or throws <see cref="InvalidSubjectIdentifierException"/>.</summary>
    public static string Normalize(string? raw, PhoneNumberDefaults? defaults = null)
    {
        var value = IdentifierText.TrimAndCheck(raw, SubjectIdentifierKind.Phone, 64, "the number");
        var (international, rest) = value switch
        {
            _ when value.StartsWith('+') => (true, value[1..]),
            _ when value.StartsWith("00", StringComparison.Ordinal) => (true, value[2..]),
            _ => (false, value),
        };
        var digits = DigitsOf(rest, international);

        string e164Digits;
        if (international)
        {
            e164Digits = digits;
        }
        else
        {
            if (defaults is null)
            {
                throw Invalid("it has no country calling code; start it with + or 00, or configure a default country calling code.");
            }

            var national = defaults.TrunkPrefix is { } trunk && digits.StartsWith(trunk, StringComparison.Ordinal)
                ? digits[trunk.Length..]
                : digits;
            e164Digits = defaults.CountryCallingCode + national;
        }

        if (e164Digits.Length is < MinDigits or > MaxDigits)
        {
            throw Invalid($"it must have {MinDigits} to {MaxDigits} digits including the country calling code.");
        }

        if (e164Digits[0] == '0')
        {
            throw Invalid("a country calling code cannot start with 0.");
        }

        return "+" + e164Digits;
    }

    private static string DigitsOf(string text, bool international)
    {
        // "+44 (0)20 7946 0958": the "(0)" is the national trunk prefix written for domestic callers.
        var withoutTrunkHint = international ? text.Replace("(0)", string.Empty, StringComparison.Ordinal) : text;
        var digits = new System.Text.StringBuilder(withoutTrunkHint.Length);
        foreach (var c in withoutTrunkHint)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is ' ' or '-' or '.' or '(' or ')' || char.IsWhiteSpace(c))
            {
                continue;
            }
            else if (c == '+')
            {
                throw Invalid("'+' is only allowed at the start.");
            }
            else if (char.IsLetter(c))
            {
                throw Invalid("it contains letters (extensions and vanity numbers are not supported).");
            }
            else
            {
                throw Invalid($"it contains a character that is not allowed (U+{(int)c:X4}); only ASCII digits, spaces, dashes, dots and parentheses are.");
            }
        }

        return digits.ToString();
    }

    private static InvalidSubjectIdentifierException Invalid(string reason) =>
        new(SubjectIdentifierKind.Phone, reason);
}
