namespace Gdpr.Workflows.Erasure.Deadlines;

/// <summary>
/// The UK's three bank-holiday jurisdictions (Banking and Financial Dealings Act 1971, Schedule 1): which days are
/// not working days for the controller's deadlines. The controller's jurisdiction is configuration (see docs/law.md).
/// </summary>
public enum UkJurisdiction
{
    /// <summary>England and Wales: <c>uk-ew</c>, the default.</summary>
    EnglandAndWales,

    /// <summary>Scotland: <c>uk-sct</c>.</summary>
    Scotland,

    /// <summary>Northern Ireland: <c>uk-ni</c>.</summary>
    NorthernIreland,
}

/// <summary>The codes of <see cref="UkJurisdiction"/> as configured and stored on requests.</summary>
public static class Jurisdictions
{
    public const string EnglandAndWales = "uk-ew";
    public const string Scotland = "uk-sct";
    public const string NorthernIreland = "uk-ni";

    /// <summary>Stored on requests recorded before the jurisdictions were told apart; their rules were England and Wales'.</summary>
    public const string LegacyUnitedKingdom = "UK";

    public const string Default = EnglandAndWales;

    /// <summary>Every code, for messages: "uk-ew, uk-sct or uk-ni".</summary>
    public const string Choices = "uk-ew, uk-sct or uk-ni";

    /// <summary>The jurisdiction of a code (any case; the legacy "UK" is England and Wales); false for anything else.</summary>
    public static bool TryParse(string? code, out UkJurisdiction jurisdiction)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case EnglandAndWales or "uk":
                jurisdiction = UkJurisdiction.EnglandAndWales;
                return true;
            case Scotland:
                jurisdiction = UkJurisdiction.Scotland;
                return true;
            case NorthernIreland:
                jurisdiction = UkJurisdiction.NorthernIreland;
                return true;
            default:
                jurisdiction = default;
                return false;
        }
    }

    /// <summary>The code of <paramref name="jurisdiction"/>, e.g. "uk-sct".</summary>
    public static string Code(this UkJurisdiction jurisdiction) => jurisdiction switch
    {
        UkJurisdiction.Scotland => Scotland,
        UkJurisdiction.NorthernIreland => NorthernIreland,
        _ => EnglandAndWales,
    };

    /// <summary>Readable name, e.g. "Scotland".</summary>
    public static string DisplayName(this UkJurisdiction jurisdiction) => jurisdiction switch
    {
        UkJurisdiction.Scotland => "Scotland",
        UkJurisdiction.NorthernIreland => "Northern Ireland",
        _ => "England and Wales",
    };
}
