namespace Gdpr.Workflows.Erasure.Requests;

/// <summary>
/// The grounds of Art. 17(1) UK GDPR on which a person may have their data erased. ICO, "Right to erasure" (When does
/// the right to erasure apply?) lists the same six, and stresses (f): data collected from a child for an online
/// service keeps its extra weight after the child has grown up, because they may not have understood the risks.
/// </summary>
public enum ErasureGround
{
    /// <summary>(a) the data is no longer necessary for the purpose it was collected or processed for.</summary>
    NoLongerNecessary,

    /// <summary>(b) consent is withdrawn and there is no other lawful basis.</summary>
    ConsentWithdrawn,

    /// <summary>(c) the person objects (Art. 21(1) with no overriding legitimate grounds, or 21(2) direct marketing).</summary>
    Objection,

    /// <summary>(d) the data was processed unlawfully.</summary>
    UnlawfulProcessing,

    /// <summary>(e) erasure is needed to comply with a legal obligation.</summary>
    LegalObligation,

    /// <summary>(f) the data was collected in relation to an information society service offered to a child (Art. 8(1)).</summary>
    CollectedFromChild,
}

/// <summary>The ground a requester claimed, when it was recorded and by whom.</summary>
public sealed record ErasureGroundClaim(ErasureGround Ground, DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>Article references and parsing for <see cref="ErasureGround"/>.</summary>
public static class ErasureGrounds
{
    /// <summary>"Art. 17(1)(f)" and so on.</summary>
    public static string Article(this ErasureGround ground) => $"Art. 17(1)({Letter(ground)})";

    /// <summary>The point letter, a to f.</summary>
    public static char Letter(this ErasureGround ground) => (char)('a' + (int)ground);

    /// <summary>A plain-English description for the reply to the requester.</summary>
    public static string Describe(this ErasureGround ground) => ground switch
    {
        ErasureGround.NoLongerNecessary => "the data is no longer needed for the purpose we collected it for",
        ErasureGround.ConsentWithdrawn => "you withdrew your consent",
        ErasureGround.Objection => "you objected to our use of your data",
        ErasureGround.UnlawfulProcessing => "the data was used unlawfully",
        ErasureGround.LegalObligation => "we are legally obliged to erase it",
        ErasureGround.CollectedFromChild => "it was collected when you were a child, for an online service",
        _ => throw new ArgumentOutOfRangeException(nameof(ground), ground, "Unknown ground."),
    };

    /// <summary>Reads "a".."f", "17(1)(f)", "Art. 17(1)(f)", or the member name (any case); false for anything else.</summary>
    public static bool TryParse(string? text, out ErasureGround ground)
    {
        ground = default;
        var value = text?.Trim().Replace(" ", string.Empty, StringComparison.Ordinal) ?? string.Empty;
        foreach (var candidate in Enum.GetValues<ErasureGround>())
        {
            var letter = candidate.Letter().ToString();
            if (string.Equals(value, letter, StringComparison.OrdinalIgnoreCase)
                || string.Equals(value, candidate.ToString(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(value, $"17(1)({letter})", StringComparison.OrdinalIgnoreCase)
                || string.Equals(value, $"Art.17(1)({letter})", StringComparison.OrdinalIgnoreCase)
                || (candidate == ErasureGround.CollectedFromChild && string.Equals(value, "child", StringComparison.OrdinalIgnoreCase)))
            {
                ground = candidate;
                return true;
            }
        }

        return false;
    }
}
