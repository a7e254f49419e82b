namespace Gdpr.Workflows.Engine.Choice;

/// <summary>
/// The pattern of a StringMatches rule: <c>*</c> matches any run of characters (including none);
/// <c>\*</c> is a literal asterisk and <c>\\</c> a literal backslash. No other character is special,
/// and the whole string must match.
/// </summary>
internal sealed class StringPattern
{
    // Each element is either a literal character or a wildcard (null).
    private readonly char?[] tokens;

    private StringPattern(char?[] tokens) => this.tokens = tokens;

    public static StringPattern Compile(string pattern)
    {
        var tokens = new List<char?>(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length && pattern[i + 1] is '*' or '\\')
            {
                tokens.Add(pattern[++i]);
            }
            else
            {
                tokens.Add(c == '*' ? null : c);
            }
        }

        return new StringPattern([.. tokens]);
    }

    /// <summary>Greedy wildcard match that backtracks only to the most recent <c>*</c> (linear in practice).</summary>
    public bool IsMatch(string text)
    {
        int t = 0, p = 0, starToken = -1, starText = 0;
        while (t < text.Length)
        {
            if (p < tokens.Length && tokens[p] is { } literal && literal == text[t])
            {
                t++;
                p++;
            }
            else if (p < tokens.Length && tokens[p] is null)
            {
                starToken = p++;
                starText = t;
            }
            else if (starToken >= 0)
            {
                p = starToken + 1;
                t = ++starText;
            }
            else
            {
                return false;
            }
        }

        while (p < tokens.Length && tokens[p] is null)
        {
            p++;
        }

        return p == tokens.Length;
    }
}
