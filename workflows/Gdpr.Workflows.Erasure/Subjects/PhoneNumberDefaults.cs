namespace Gdpr.Workflows.Erasure.Subjects;

/// <summary>
/// How to read a national phone number (one without a country calling code): the country calling
/// code to prefix and the national trunk prefix to drop first ("0" in the UK, none in Italy).
/// </summary>
public sealed record PhoneNumberDefaults
{
    public PhoneNumberDefaults(string countryCallingCode, string? trunkPrefix = "0")
    {
        if (countryCallingCode is not { Length: >= 1 and <= 3 } || !countryCallingCode.All(char.IsAsciiDigit)
            || countryCallingCode[0] == '0')
        {
            throw new ArgumentException("A country calling code is 1 to 3 digits and does not start with 0.", nameof(countryCallingCode));
        }

        if (trunkPrefix is not null && (trunkPrefix is not { Length: >= 1 and <= 2 } || !trunkPrefix.All(char.IsAsciiDigit)))
        {
            throw new ArgumentException("A trunk prefix is 1 or 2 digits, or null when the country has none.", nameof(trunkPrefix));
        }

        CountryCallingCode = countryCallingCode;
        TrunkPrefix = trunkPrefix;
    }

    /// <summary>The United Kingdom: +44, national numbers start with the trunk prefix 0.</summary>
    public static PhoneNumberDefaults UnitedKingdom { get; } = new("44", "0");

    public string CountryCallingCode { get; }

    public string? TrunkPrefix { get; }
}
