using System.Text.RegularExpressions;

namespace Gdpr.Workflows.Erasure.Subjects;

/// <summary>
/// One normalised identifier of a data subject. Only the factories create it, so a value held in
/// this type is always in its one canonical form and compares ordinally.
/// <see cref="ToString"/> is redacted: the value is personal data and must not reach logs by accident.
/// </summary>
public sealed partial class SubjectIdentifier : IEquatable<SubjectIdentifier>
{
    public const int MaxCustomerIdLength = 256;
    public const int MaxKeyedValueLength = 1024;

    // Keys that name a dedicated kind: a keyed identifier must not bypass that kind's normalisation.
    private static readonly HashSet<string> ReservedKeys = new(StringComparer.Ordinal)
    {
        "email", "phone", "customer_id", "customerid", "customer-id", "customer.id",
    };

    private SubjectIdentifier(SubjectIdentifierKind kind, string? key, string value)
    {
        Kind = kind;
        Key = key;
        Value = value;
    }

    public SubjectIdentifierKind Kind { get; }

    /// <summary>The key of a <see cref="SubjectIdentifierKind.Keyed"/> identifier (lower-case); null otherwise.</summary>
    public string? Key { get; }

    /// <summary>The normalised value. Personal data.</summary>
    public string Value { get; }

    /// <summary>"email", "phone", "customer_id" or "keyed.&lt;key&gt;": the kind part of <see cref="CanonicalForm"/>.</summary>
    public string KindLabel => Kind switch
    {
        SubjectIdentifierKind.Email => "email",
        SubjectIdentifierKind.Phone => "phone",
        SubjectIdentifierKind.CustomerId => "customer_id",
        _ => "keyed." + Key,
    };

    /// <summary>"kind:normalised value", the text <see cref="SubjectHasher"/> hashes. Personal data.</summary>
    public string CanonicalForm => KindLabel + ":" + Value;

    /// <summary>An email address; see <see cref="EmailAddressNormalizer"/> for the rules.</summary>
    public static SubjectIdentifier Email(string? raw) =>
        new(SubjectIdentifierKind.Email, null, EmailAddressNormalizer.Normalize(raw));

    /// <summary>A phone number in E.164; national numbers need <paramref name="defaults"/>.</summary>
    public static SubjectIdentifier Phone(string? raw, PhoneNumberDefaults? defaults = null) =>
        new(SubjectIdentifierKind.Phone, null, PhoneNumberNormalizer.Normalize(raw, defaults));

    /// <summary>A customer id: trimmed, case kept (ids are often case-sensitive in source systems).</summary>
    public static SubjectIdentifier CustomerId(string? raw) =>
        new(SubjectIdentifierKind.CustomerId, null,
            IdentifierText.TrimAndCheck(raw, SubjectIdentifierKind.CustomerId, MaxCustomerIdLength, "the customer id"));

    /// <summary>
    /// A free-form identifier. The key is trimmed and lower-cased and must match
    /// <c>[a-z][a-z0-9_.-]{0,63}</c>; the value is trimmed with case kept.
    /// </summary>
    public static SubjectIdentifier Keyed(string? key, string? value)
    {
        var normalisedKey = (key ?? string.Empty).Trim().ToLowerInvariant();
        if (!KeyPattern().IsMatch(normalisedKey))
        {
            throw new InvalidSubjectIdentifierException(SubjectIdentifierKind.Keyed,
                "the key must be a letter followed by up to 63 letters, digits, '_', '.' or '-'.");
        }

        if (ReservedKeys.Contains(normalisedKey))
        {
            throw new InvalidSubjectIdentifierException(SubjectIdentifierKind.Keyed,
                $"the key \"{normalisedKey}\" names a dedicated identifier kind; use that kind so the value is normalised.");
        }

        var normalisedValue = IdentifierText.TrimAndCheck(value, SubjectIdentifierKind.Keyed, MaxKeyedValueLength, "the value");
        return new SubjectIdentifier(SubjectIdentifierKind.Keyed, normalisedKey, normalisedValue);
    }

    /// <summary>Creates an identifier of the given kind; <paramref name="key"/> is used only for keyed ones.</summary>
    public static SubjectIdentifier Create(SubjectIdentifierKind kind, string? key, string? value, PhoneNumberDefaults? phoneDefaults = null) =>
        kind switch
        {
            SubjectIdentifierKind.Email => Email(value),
            SubjectIdentifierKind.Phone => Phone(value, phoneDefaults),
            SubjectIdentifierKind.CustomerId => CustomerId(value),
            SubjectIdentifierKind.Keyed => Keyed(key, value),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown subject identifier kind."),
        };

    public bool Equals(SubjectIdentifier? other) =>
        other is not null && Kind == other.Kind
        && string.Equals(Key, other.Key, StringComparison.Ordinal)
        && string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as SubjectIdentifier);

    public override int GetHashCode() => HashCode.Combine(Kind, Key, Value);

    /// <summary>The kind label only; the value is redacted.</summary>
    public override string ToString() => KindLabel + ":<redacted>";

    [GeneratedRegex("^[a-z][a-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
