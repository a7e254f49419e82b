using System.Globalization;
using System.Text;

namespace Gdpr.Workflows.Erasure.Subjects;

/// <summary>
/// Normalises an email address for matching: trimmed, lower-cased (local part and domain), domain in
/// its ASCII form (IDN labels as punycode).
/// </summary>
/// <remarks>
/// <para>The local part is lower-cased too. RFC 5321 allows a server to treat it case-sensitively, but
/// practically no provider does, and for erasure a missed match (data left behind) is the worse error.</para>
/// <para>Provider-specific aliases are NOT folded: dots and "+tags" are kept, because "a.b@" and "ab@"
/// are different mailboxes at most providers and erasing someone else's data is also a breach.</para>
/// <para>Quoted local parts, comments and IP-address literals are rejected: they are legal but never
/// seen in real erasure requests and make matching ambiguous.</para>
/// </remarks>
public static class EmailAddressNormalizer
{
    /// <summary>The longest address that fits an SMTP path (RFC 5321 §4.5.3.1.3).</summary>
    public const int MaxLength = 254;

    private const int MaxLocalPartBytes = 64;
    private const string AtextSymbols = "!#$%&'*+/=?^_`{|}~-";

    /// <summary>Returns the normalised address or throws <see cref="InvalidSubjectIdentifierException"/>.</summary>
    public static string Normalize(string? raw)
    {
        var value = (raw ?? string.Empty).Trim();
        if (value.Length == 0)
        {
            throw Invalid("the address is empty.");
        }

        if (IdentifierText.HasInvisibleOrBrokenCharacters(value))
        {
            throw Invalid("the address contains control or invisible characters.");
        }

        if (value.Any(char.IsWhiteSpace))
        {
            throw Invalid("the address contains whitespace.");
        }

        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            throw Invalid("the address has no @.");
        }

        if (value.IndexOf('@', at + 1) >= 0)
        {
            throw Invalid("the address has more than one @ (quoted local parts are not supported).");
        }

        var local = NormalizeLocalPart(value[..at]);
        if (at == value.Length - 1)
        {
            throw Invalid("the address has nothing after the @.");
        }

        var domain = DomainNameNormalizer.Normalize(value[(at + 1)..]);
        var address = local + "@" + domain;
        if (address.Length > MaxLength)
        {
            throw Invalid($"the address is longer than {MaxLength} characters.");
        }

        return address;
    }

    private static string NormalizeLocalPart(string local)
    {
        if (local.Length == 0)
        {
            throw Invalid("the address has nothing before the @.");
        }

        if (local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal))
        {
            throw Invalid("the local part cannot start or end with a dot or have two dots in a row.");
        }

        var lowered = local.ToLowerInvariant();
        foreach (var rune in lowered.EnumerateRunes())
        {
            CheckLocalPartCharacter(rune);
        }

        if (IdentifierText.MixesLatinGreekCyrillic(lowered))
        {
            throw Invalid("the local part mixes Latin, Greek or Cyrillic letters, a look-alike of another address.");
        }

        if (Encoding.UTF8.GetByteCount(lowered) > MaxLocalPartBytes)
        {
            throw Invalid($"the local part is longer than {MaxLocalPartBytes} bytes.");
        }

        return lowered;
    }

    private static void CheckLocalPartCharacter(Rune rune)
    {
        if (rune.IsAscii)
        {
            var c = (char)rune.Value;
            if (char.IsAsciiLetterOrDigit(c) || c == '.' || AtextSymbols.Contains(c, StringComparison.Ordinal))
            {
                return;
            }

            throw Invalid($"the local part contains a character not allowed in an unquoted address (U+{rune.Value:X4}).");
        }

        // Full-width forms are an input-method artefact for an ASCII address; guessing is worse than asking.
        if (rune.Value is >= 0xFF00 and <= 0xFFEF)
        {
            throw Invalid("the local part contains full-width or half-width characters; give it in ASCII.");
        }

        // Internationalised local parts (RFC 6531) are letters; without NFC available, marks and
        // look-alike digits would let one mailbox have two spellings, so they are refused.
        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.OtherLetter:
                return;
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.SpacingCombiningMark:
            case UnicodeCategory.EnclosingMark:
                throw Invalid("the local part contains combining marks; give it in composed form.");
            default:
                throw Invalid($"the local part contains a character that is not allowed (U+{rune.Value:X4}).");
        }
    }

    private static InvalidSubjectIdentifierException Invalid(string reason) =>
        new(SubjectIdentifierKind.Email, reason);
}
