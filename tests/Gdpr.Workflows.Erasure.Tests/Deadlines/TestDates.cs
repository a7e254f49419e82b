using System.Globalization;
using Gdpr.Workflows.Erasure.Deadlines;

namespace Gdpr.Workflows.Erasure.Tests.Deadlines;

/// <summary>Parses the readable date notation of the table-driven tests.</summary>
internal static class TestDates
{
    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"2024-01-15..2024-01-22 2024-02-01.." → a closed pause and an open one.</summary>
    public static IReadOnlyList<ClockPause> Pauses(string spec) =>
        spec.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(range => range.Split(".."))
            .Select(parts => new ClockPause(D(parts[0]), parts[1].Length == 0 ? null : D(parts[1])))
            .ToList();

    /// <summary>"1@2024-02-05 2@2024-02-10" → extensions of 1 and 2 months decided and told to the requester on those days.</summary>
    public static IReadOnlyList<DeadlineExtension> Extensions(string spec) =>
        spec.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(item => item.Split('@'))
            .Select(parts => new DeadlineExtension(int.Parse(parts[0], CultureInfo.InvariantCulture), "complex request", D(parts[1]), ToldOn: D(parts[1])))
            .ToList();
}
