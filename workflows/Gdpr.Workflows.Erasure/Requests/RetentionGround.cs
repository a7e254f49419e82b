namespace Gdpr.Workflows.Erasure.Requests;

/// <summary>The exemptions of GDPR Art. 17(3) under which a system may keep data it was asked to erase.</summary>
public enum RetentionGround
{
    /// <summary>Art. 17(3)(a): exercising the right of freedom of expression and information.</summary>
    FreedomOfExpression,

    /// <summary>Art. 17(3)(b): compliance with a legal obligation, or a task in the public interest (e.g. keeping invoices).</summary>
    LegalObligation,

    /// <summary>Art. 17(3)(c): public interest in the area of public health.</summary>
    PublicHealth,

    /// <summary>Art. 17(3)(d): archiving in the public interest, scientific or historical research, statistics.</summary>
    ArchivingOrResearch,

    /// <summary>Art. 17(3)(e): the establishment, exercise or defence of legal claims.</summary>
    LegalClaims,
}

/// <summary>Article references and parsing for <see cref="RetentionGround"/>.</summary>
public static class RetentionGrounds
{
    /// <summary>"Art. 17(3)(b)" and so on.</summary>
    public static string Article(this RetentionGround ground) => $"Art. 17(3)({Letter(ground)})";

    /// <summary>The point letter: a..e.</summary>
    public static char Letter(this RetentionGround ground) => ground switch
    {
        RetentionGround.FreedomOfExpression => 'a',
        RetentionGround.LegalObligation => 'b',
        RetentionGround.PublicHealth => 'c',
        RetentionGround.ArchivingOrResearch => 'd',
        RetentionGround.LegalClaims => 'e',
        _ => throw new ArgumentOutOfRangeException(nameof(ground), ground, "Unknown retention ground."),
    };

    /// <summary>
    /// Reads "Art. 17(3)(b)", "17(3)(b)", "b" or the member name ("LegalObligation", any case).
    /// </summary>
    public static bool TryParse(string? text, out RetentionGround ground)
    {
        ground = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var value = text.Trim();
        foreach (var candidate in Enum.GetValues<RetentionGround>())
        {
            var letter = candidate.Letter().ToString();
            if (string.Equals(value, candidate.ToString(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(value, letter, StringComparison.OrdinalIgnoreCase)
                || string.Equals(value, $"17(3)({letter})", StringComparison.OrdinalIgnoreCase)
                || string.Equals(value, candidate.Article(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(value, $"Art.17(3)({letter})", StringComparison.OrdinalIgnoreCase))
            {
                ground = candidate;
                return true;
            }
        }

        return false;
    }
}
