using System.Globalization;
using System.Text;

namespace Gdpr.Workflows.Erasure.Subjects;

/// <summary>
/// Brings the domain of an email address to its one ASCII form (lower-case LDH labels, IDN labels
/// as punycode "xn--"), so the same mailbox always hashes the same.
/// </summary>
/// <remarks>
/// The process runs with invariant globalization, so no Unicode normalisation (NFC) or UTS #46
/// mapping is available. Unicode labels are therefore accepted only when they need neither: lower-case
/// letters and ASCII digits/hyphens, no combining marks, no full-width forms, and no label that mixes
/// Latin, Greek and Cyrillic letters (the classic look-alike "pаypal" with a Cyrillic "а").
/// Anything else must be given as punycode, which is unambiguous ASCII and is taken as is once it
/// decodes and re-encodes to itself.
/// </remarks>
internal static class DomainNameNormalizer
{
    private const int MaxDomainLength = 253;
    private const int MaxLabelLength = 63;

    // A new mapping per use: IdnMapping instances are not documented as thread-safe.
    private static IdnMapping Idn => new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    public static string Normalize(string domain)
    {
        // One trailing dot is the fully qualified spelling of the same domain.
        if (domain.EndsWith('.'))
        {
            domain = domain[..^1];
        }

        if (domain.StartsWith('['))
        {
            throw Invalid("IP-address literals are not supported as the domain.");
        }

        var labels = domain.ToLowerInvariant().Split('.');
        if (labels.Length < 2)
        {
            throw Invalid("the domain must have at least two labels (like example.com).");
        }

        var asciiLabels = new string[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            asciiLabels[i] = NormalizeLabel(labels[i]);
        }

        var topLevel = asciiLabels[^1];
        if (topLevel.All(char.IsAsciiDigit))
        {
            throw Invalid("the top-level domain cannot be numeric.");
        }

        var result = string.Join('.', asciiLabels);
        if (result.Length > MaxDomainLength)
        {
            throw Invalid($"the domain is longer than {MaxDomainLength} characters.");
        }

        return result;
    }

    private static string NormalizeLabel(string label)
    {
        if (label.Length == 0)
        {
            throw Invalid("the domain has an empty label (a leading dot or two dots in a row).");
        }

        var ascii = label.All(char.IsAscii) ? label : ToPunycode(label);
        CheckLdh(ascii);
        return ascii;
    }

    private static void CheckLdh(string label)
    {
        if (label.Length > MaxLabelLength)
        {
            throw Invalid($"a domain label is longer than {MaxLabelLength} characters.");
        }

        foreach (var c in label)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                throw Invalid($"the domain contains a character that is not allowed ({CodePoint(c)}).");
            }
        }

        if (label.StartsWith('-') || label.EndsWith('-'))
        {
            throw Invalid("a domain label cannot start or end with a hyphen.");
        }

        if (label.Length >= 4 && label[2] == '-' && label[3] == '-')
        {
            if (!label.StartsWith("xn--", StringComparison.Ordinal))
            {
                throw Invalid("a domain label with \"--\" in third and fourth position must be punycode (xn--).");
            }

            CheckPunycode(label);
        }
    }

    private static void CheckPunycode(string label)
    {
        string decoded;
        try
        {
            decoded = Idn.GetUnicode(label);
        }
        catch (ArgumentException)
        {
            throw Invalid("a punycode (xn--) label does not decode.");
        }

        if (decoded.All(char.IsAscii) || !string.Equals(Idn.GetAscii(decoded), label, StringComparison.Ordinal))
        {
            throw Invalid("a punycode (xn--) label is not in canonical form.");
        }

        // Punycode is trusted for its script, not for its content: it must still decode to a label
        // IDNA allows (lower-case letters, marks and digits; no symbols, spaces or controls).
        foreach (var rune in decoded.EnumerateRunes())
        {
            if (!rune.IsAscii && Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.LowercaseLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.DecimalDigitNumber))
            {
                throw Invalid($"a punycode (xn--) label decodes to a character not allowed in a domain name (U+{rune.Value:X4}).");
            }
        }
    }

    private static string ToPunycode(string label)
    {
        foreach (var rune in label.EnumerateRunes())
        {
            // ASCII letters/digits/hyphen are checked by the LDH rules after conversion.
            if (!rune.IsAscii)
            {
                CheckUnicodeLetter(rune);
            }
        }

        if (IdentifierText.MixesLatinGreekCyrillic(label))
        {
            throw Invalid("a domain label mixes Latin, Greek or Cyrillic letters, a look-alike of another domain;"
                + " give the domain as punycode (xn--) if it is genuine.");
        }

        try
        {
            return Idn.GetAscii(label);
        }
        catch (ArgumentException)
        {
            throw Invalid("the international domain cannot be converted to punycode.");
        }
    }

    private static void CheckUnicodeLetter(Rune rune)
    {
        if (rune.Value is >= 0xFF00 and <= 0xFFEF)
        {
            throw Invalid("the domain contains full-width or half-width characters; give it in ASCII or punycode (xn--).");
        }

        var category = Rune.GetUnicodeCategory(rune);
        switch (category)
        {
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.OtherLetter:
                return;
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.SpacingCombiningMark:
            case UnicodeCategory.EnclosingMark:
                throw Invalid("the domain contains combining marks; give it in composed form or as punycode (xn--).");
            default:
                throw Invalid($"the domain contains a character that is not allowed (U+{rune.Value:X4}); give it as punycode (xn--) if it is genuine.");
        }
    }

    private static string CodePoint(char c) => $"U+{(int)c:X4}";

    private static InvalidSubjectIdentifierException Invalid(string reason) =>
        new(SubjectIdentifierKind.Email, reason);
}
