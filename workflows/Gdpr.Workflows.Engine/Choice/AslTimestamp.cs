namespace Gdpr.Workflows.Engine.Choice;

/// <summary>
/// An instant written as ASL requires timestamps to be: the RFC 3339 profile of ISO 8601 with an
/// uppercase <c>T</c> between date and time and an uppercase <c>Z</c> when there is no numeric offset,
/// e.g. <c>2016-03-14T01:59:00Z</c>, <c>2016-03-14T01:59:00.123+01:00</c>. Seconds are required;
/// fractional seconds (up to nanoseconds) are optional. Comparison is by instant, so
/// <c>2012-10-09T20:00:55+01:00</c> equals <c>2012-10-09T19:00:55Z</c>.
/// </summary>
public readonly record struct AslTimestamp : IComparable<AslTimestamp>
{
    private AslTimestamp(long utcTicks, int subTickNanoseconds)
    {
        UtcTicks = utcTicks;
        SubTickNanoseconds = subTickNanoseconds;
    }

    /// <summary>100 ns ticks since 0001-01-01T00:00:00Z (may fall outside DateTime's range after applying the offset).</summary>
    public long UtcTicks { get; }

    /// <summary>The nanoseconds below one tick (0-99), kept so nanosecond timestamps compare exactly.</summary>
    public int SubTickNanoseconds { get; }

    public static bool operator <(AslTimestamp left, AslTimestamp right) => left.CompareTo(right) < 0;

    public static bool operator >(AslTimestamp left, AslTimestamp right) => left.CompareTo(right) > 0;

    public static bool operator <=(AslTimestamp left, AslTimestamp right) => left.CompareTo(right) <= 0;

    public static bool operator >=(AslTimestamp left, AslTimestamp right) => left.CompareTo(right) >= 0;

    public static bool IsValid(string text) => TryParse(text, out _);

    public static bool TryParse(string? text, out AslTimestamp timestamp)
    {
        timestamp = default;
        // Shortest form: yyyy-MM-ddTHH:mm:ssZ (20 characters).
        if (text is null || text.Length < 20)
        {
            return false;
        }

        var s = text.AsSpan();
        if (!TryDigits(s, 0, 4, out var year) || s[4] != '-'
            || !TryDigits(s, 5, 2, out var month) || s[7] != '-'
            || !TryDigits(s, 8, 2, out var day) || s[10] != 'T'
            || !TryDigits(s, 11, 2, out var hour) || s[13] != ':'
            || !TryDigits(s, 14, 2, out var minute) || s[16] != ':'
            || !TryDigits(s, 17, 2, out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var position = 19;
        long fractionNanoseconds = 0;
        if (s[position] == '.')
        {
            position++;
            var digits = 0;
            while (position < s.Length && char.IsAsciiDigit(s[position]))
            {
                if (++digits > 9)
                {
                    return false;
                }

                fractionNanoseconds = (fractionNanoseconds * 10) + (s[position] - '0');
                position++;
            }

            if (digits == 0)
            {
                return false;
            }

            for (var pad = digits; pad < 9; pad++)
            {
                fractionNanoseconds *= 10;
            }
        }

        if (!TryOffset(s[position..], out var offsetMinutes))
        {
            return false;
        }

        var localTicks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks
            + (fractionNanoseconds / 100);
        timestamp = new AslTimestamp(
            localTicks - (offsetMinutes * TimeSpan.TicksPerMinute),
            (int)(fractionNanoseconds % 100));
        return true;
    }

    public int CompareTo(AslTimestamp other)
    {
        var byTicks = UtcTicks.CompareTo(other.UtcTicks);
        return byTicks != 0 ? byTicks : SubTickNanoseconds.CompareTo(other.SubTickNanoseconds);
    }

    private static bool TryOffset(ReadOnlySpan<char> s, out int offsetMinutes)
    {
        offsetMinutes = 0;
        if (s is ['Z'])
        {
            return true;
        }

        // ±HH:mm, with a colon as RFC 3339 requires.
        if (s.Length != 6 || s[0] is not ('+' or '-') || s[3] != ':'
            || !TryDigits(s, 1, 2, out var hours) || !TryDigits(s, 4, 2, out var minutes)
            || hours > 23 || minutes > 59)
        {
            return false;
        }

        offsetMinutes = (s[0] == '-' ? -1 : 1) * ((hours * 60) + minutes);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }

            value = (value * 10) + (s[i] - '0');
        }

        return true;
    }
}
