using System.Text;

namespace Gdpr.Workflows.Erasure.Subjects;

/// <summary>Checks shared by every kind of identifier text.</summary>
internal static class IdentifierText
{
    /// <summary>
    /// True when the text holds a control character, an invisible format character (zero-width
    /// joiners, bidi overrides), a lone surrogate or a replacement character (U+FFFD): none belongs in an identifier and all of them
    /// make two values that look equal compare different.
    /// </summary>
    public static bool HasInvisibleOrBrokenCharacters(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (Rune.GetUnicodeCategory(new Rune(c, text[i + 1])) == System.Globalization.UnicodeCategory.Format)
                {
                    return true;
                }

                i++;
                continue;
            }

            // U+FFFD is what a decoder leaves of bytes it could not read: the value was garbled on its way here.
            if (char.IsSurrogate(c) || char.IsControl(c) || c == '\uFFFD'
                || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the text has letters of more than one of Latin, Greek and Cyrillic: the homograph of another name
    /// ("pаypal" with a Cyrillic "а"). Each script alone is genuine; mixed in one word it is a look-alike.
    /// </summary>
    public static bool MixesLatinGreekCyrillic(string text)
    {
        var seen = Script.None;
        foreach (var rune in text.EnumerateRunes())
        {
            var script = rune.IsAscii ? (Rune.IsLetter(rune) ? Script.Latin : Script.None) : ScriptOf(rune);
            if (script == Script.None)
            {
                continue;
            }

            if (seen != Script.None && seen != script)
            {
                return true;
            }

            seen = script;
        }

        return false;
    }

    /// <summary>Trims, then rejects empty, over-long and invisible-character values.</summary>
    public static string TrimAndCheck(string? raw, SubjectIdentifierKind kind, int maxLength, string what)
    {
        var value = (raw ?? string.Empty).Trim();
        if (value.Length == 0)
        {
            throw new InvalidSubjectIdentifierException(kind, $"{what} is empty.");
        }

        if (value.Length > maxLength)
        {
            throw new InvalidSubjectIdentifierException(kind, $"{what} is longer than {maxLength} characters.");
        }

        if (HasInvisibleOrBrokenCharacters(value))
        {
            throw new InvalidSubjectIdentifierException(kind, $"{what} contains control or invisible characters.");
        }

        return value;
    }

    private enum Script
    {
        None,
        Latin,
        Greek,
        Cyrillic,
    }

    private static Script ScriptOf(Rune rune) => rune.Value switch
    {
        >= 0x00C0 and <= 0x024F or >= 0x1E00 and <= 0x1EFF => Script.Latin,
        >= 0x0370 and <= 0x03FF or >= 0x1F00 and <= 0x1FFF => Script.Greek,
        >= 0x0400 and <= 0x052F => Script.Cyrillic,
        _ => Script.None,
    };
}
