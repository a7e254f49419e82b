using System.Globalization;
using System.Text.Json;

namespace Gdpr.Workflows.Erasure.Deadlines;

/// <summary>
/// A holiday calendar read from data: a list of dated holidays plus the whole years the list claims
/// to cover. There is deliberately no computed fallback (Easter rules, substitute days): special
/// holidays such as a coronation cannot be computed, so only published data is trusted.
/// </summary>
/// <remarks>
/// Data format (JSON):
/// <c>{ "name": "...", "source": "...", "coveredYears": { "first": 2020, "last": 2028 },
/// "holidays": [ { "date": "2020-01-01", "title": "New Year's Day" } ] }</c>.
/// </remarks>
public sealed class BankHolidayCalendar : IHolidayCalendar
{
    private const string EnglandAndWalesResource = "Gdpr.Workflows.Erasure.Deadlines.england-and-wales-bank-holidays.json";

    private static readonly Lazy<BankHolidayCalendar> EnglandAndWalesCalendar = new(LoadEnglandAndWales);

    private readonly Dictionary<DateOnly, PublicHoliday> _byDate;

    private BankHolidayCalendar(string name, string source, DateOnly coveredFrom, DateOnly coveredTo, IReadOnlyList<PublicHoliday> holidays)
    {
        Name = name;
        Source = source;
        CoveredFrom = coveredFrom;
        CoveredTo = coveredTo;
        Holidays = holidays;
        _byDate = holidays.ToDictionary(h => h.Date);
    }

    public string Name { get; }

    /// <summary>Where the data comes from, as stated in the data file.</summary>
    public string Source { get; }

    public DateOnly CoveredFrom { get; }

    public DateOnly CoveredTo { get; }

    /// <summary>Every holiday in the covered range, in date order.</summary>
    public IReadOnlyList<PublicHoliday> Holidays { get; }

    /// <summary>England and Wales bank holidays shipped with this assembly (loaded once).</summary>
    public static BankHolidayCalendar EnglandAndWales() => EnglandAndWalesCalendar.Value;

    /// <summary>Reads a calendar from JSON in the format described on the class.</summary>
    /// <exception cref="InvalidDataException">The data is malformed or contradicts its own coverage.</exception>
    public static BankHolidayCalendar Load(Stream json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Holiday calendar data is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            return Parse(document.RootElement);
        }
    }

    public PublicHoliday? FindHoliday(DateOnly date)
    {
        if (date < CoveredFrom || date > CoveredTo)
        {
            throw new HolidayCalendarCoverageException(Name, date, CoveredFrom, CoveredTo);
        }

        return _byDate.GetValueOrDefault(date);
    }

    private static BankHolidayCalendar LoadEnglandAndWales()
    {
        using var stream = typeof(BankHolidayCalendar).Assembly.GetManifestResourceStream(EnglandAndWalesResource)
            ?? throw new InvalidOperationException(
                $"Embedded resource '{EnglandAndWalesResource}' is missing from {typeof(BankHolidayCalendar).Assembly.GetName().Name}; "
                + "check the EmbeddedResource item in the project file.");
        return Load(stream);
    }

    private static BankHolidayCalendar Parse(JsonElement root)
    {
        var name = RequiredString(root, "name");
        var source = RequiredString(root, "source");
        var years = Required(root, "coveredYears", JsonValueKind.Object);
        var firstYear = RequiredYear(years, "first");
        var lastYear = RequiredYear(years, "last");
        if (firstYear > lastYear)
        {
            throw new InvalidDataException($"{name}: coveredYears.first ({firstYear}) is after coveredYears.last ({lastYear}).");
        }

        var coveredFrom = new DateOnly(firstYear, 1, 1);
        var coveredTo = new DateOnly(lastYear, 12, 31);
        var holidays = new List<PublicHoliday>();
        foreach (var entry in Required(root, "holidays", JsonValueKind.Array).EnumerateArray())
        {
            var holiday = ParseHoliday(name, entry);
            if (holiday.Date < coveredFrom || holiday.Date > coveredTo)
            {
                throw new InvalidDataException(
                    $"{name}: holiday {DateText.Iso(holiday.Date)} is outside the covered years {firstYear}-{lastYear}.");
            }

            if (holidays.Any(h => h.Date == holiday.Date))
            {
                throw new InvalidDataException($"{name}: {DateText.Iso(holiday.Date)} is listed twice.");
            }

            holidays.Add(holiday);
        }

        // A covered year without a single holiday almost certainly means the data was never filled in.
        var emptyYears = Enumerable.Range(firstYear, lastYear - firstYear + 1)
            .Where(year => !holidays.Any(h => h.Date.Year == year))
            .ToList();
        if (emptyYears.Count > 0)
        {
            throw new InvalidDataException(
                $"{name}: covered year(s) {string.Join(", ", emptyYears)} list no holidays; add them or narrow coveredYears.");
        }

        holidays.Sort((a, b) => a.Date.CompareTo(b.Date));
        return new BankHolidayCalendar(name, source, coveredFrom, coveredTo, holidays);
    }

    private static PublicHoliday ParseHoliday(string calendarName, JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{calendarName}: every holiday must be an object with 'date' and 'title'.");
        }

        var text = RequiredString(entry, "date");
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new InvalidDataException($"{calendarName}: holiday date '{text}' is not a yyyy-MM-dd date.");
        }

        return new PublicHoliday(date, RequiredString(entry, "title"));
    }

    private static JsonElement Required(JsonElement parent, string property, JsonValueKind kind)
    {
        if (parent.ValueKind != JsonValueKind.Object
            || !parent.TryGetProperty(property, out var value)
            || value.ValueKind != kind)
        {
            throw new InvalidDataException($"Holiday calendar data: '{property}' is missing or is not a JSON {kind.ToString().ToUpperInvariant()}.");
        }

        return value;
    }

    private static string RequiredString(JsonElement parent, string property)
    {
        var value = Required(parent, property, JsonValueKind.String).GetString();
        return string.IsNullOrWhiteSpace(value)
            ? throw new InvalidDataException($"Holiday calendar data: '{property}' is empty.")
            : value;
    }

    private static int RequiredYear(JsonElement parent, string property)
    {
        var value = Required(parent, property, JsonValueKind.Number);
        return value.TryGetInt32(out var year) && year is >= 1 and <= 9999
            ? year
            : throw new InvalidDataException($"Holiday calendar data: '{property}' is not a year.");
    }
}
