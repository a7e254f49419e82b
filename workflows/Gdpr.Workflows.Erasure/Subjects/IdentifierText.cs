using System.Text;

namespace Gdpr.Workflows.Erasure.Subjects;

/// <summary>Checks shared by every kind of identifier text.</summary>
internal static class IdentifierText
{
    /// <summary>
    /// True when the text holds a control character, an invisible format character (zero-width
    /// joiners, bidi overrides) or a lone surrogate: none belongs in an identifier and all of them
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

            if (char.IsSurrogate(c) || char.IsControl(c)
                || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            {
                return true;
            }
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
}
