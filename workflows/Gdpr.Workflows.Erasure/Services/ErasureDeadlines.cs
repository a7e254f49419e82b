using System.Collections.Concurrent;
using Gdpr.Workflows.Erasure.Deadlines;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>
/// The deadline rules of the controller: its time zone (which day an instant falls on), its bank-holiday jurisdiction
/// and the clock settings. Services compute every <see cref="DeadlineState.DueDate"/> through it, with the calendar of
/// the request's own jurisdiction (<see cref="Of"/>).
/// </summary>
public sealed class ErasureDeadlines
{
    /// <summary>The longest a response period can run: one month plus two months of extension.</summary>
    public const int LongestPeriodMonths = DeadlinePolicy.FirstPeriodMonths + DeadlinePolicy.MaxExtensionMonths;

    private readonly ConcurrentDictionary<UkJurisdiction, ErasureDeadlines> _others;

    public ErasureDeadlines(string jurisdiction, DeadlinePolicy policy, DeadlineCalculator calculator, ClockSettings? settings = null)
        : this(jurisdiction, policy, calculator, settings ?? new ClockSettings(), new ConcurrentDictionary<UkJurisdiction, ErasureDeadlines>())
    {
    }

    private ErasureDeadlines(string jurisdiction, DeadlinePolicy policy, DeadlineCalculator calculator, ClockSettings settings, ConcurrentDictionary<UkJurisdiction, ErasureDeadlines> others)
    {
        Jurisdiction = jurisdiction;
        Policy = policy;
        Calculator = calculator;
        Settings = settings;
        _others = others;
    }

    /// <summary>The jurisdiction code stored on new requests, e.g. "uk-ew".</summary>
    public string Jurisdiction { get; }

    public DeadlinePolicy Policy { get; }

    public DeadlineCalculator Calculator { get; }

    public ClockSettings Settings { get; }

    /// <summary>UK GDPR: Europe/London, England and Wales bank holidays, default settings.</summary>
    public static ErasureDeadlines UnitedKingdom() => For(new ClockSettings());

    /// <summary>UK GDPR with <paramref name="settings"/> (its jurisdiction picks the calendar).</summary>
    /// <exception cref="InvalidInputException">The settings name no UK jurisdiction.</exception>
    public static ErasureDeadlines For(ClockSettings settings)
    {
        var jurisdiction = Parse(settings.Jurisdiction);
        return new ErasureDeadlines(jurisdiction.Code(), DeadlinePolicy.EuropeLondon(), new DeadlineCalculator(UkHolidayCalendar.For(jurisdiction)), settings with { Jurisdiction = jurisdiction.Code() });
    }

    /// <summary>The same rules with the calendar of <paramref name="jurisdiction"/> (a request's; the legacy "UK" is uk-ew).</summary>
    /// <exception cref="InvalidInputException">Not uk-ew, uk-sct or uk-ni.</exception>
    public ErasureDeadlines Of(string jurisdiction)
    {
        var parsed = Parse(jurisdiction);
        if (Calculator.Holidays is UkHolidayCalendar own && own.Jurisdiction == parsed)
        {
            return this;
        }

        return _others.GetOrAdd(parsed, j => new ErasureDeadlines(j.Code(), Policy, new DeadlineCalculator(UkHolidayCalendar.For(j)), Settings with { Jurisdiction = j.Code() }, _others));
    }

    /// <summary>The rules of <paramref name="request"/>'s jurisdiction.</summary>
    public ErasureDeadlines Of(ErasureRequest request) => Of(request.Jurisdiction);

    /// <summary>A jurisdiction code, checked.</summary>
    /// <exception cref="InvalidInputException">Not uk-ew, uk-sct or uk-ni.</exception>
    public static UkJurisdiction Parse(string? jurisdiction) =>
        Jurisdictions.TryParse(jurisdiction, out var parsed)
            ? parsed
            : throw new InvalidInputException($"'jurisdiction' must be {Jurisdictions.Choices}.");

    /// <summary>The organisation's calendar day at <paramref name="instant"/>.</summary>
    public DateOnly Day(DateTimeOffset instant) => Policy.LocalDate(instant);

    /// <summary>The state of a new request; the clock starts on receipt unless identity must be verified first.</summary>
    public DeadlineState Initial(DateOnly receivedOn, bool clockStarts)
    {
        var state = new DeadlineState(receivedOn, clockStarts ? ClockStart.OnReceipt(receivedOn) : null, [], [], [], null);
        return state with { DueDate = Compute(state).DueDate };
    }

    /// <summary>
    /// The deadline from the stored facts; while identity verification is awaited, the provisional one counted
    /// from receipt. Only extensions told to the subject count (<see cref="DeadlineExtension.IsInEffect"/>).
    /// </summary>
    /// <exception cref="ConflictException">The facts break a deadline rule (e.g. an extension told after the first month).</exception>
    /// <exception cref="InvalidInputException">A malformed extension (no reason, not 1 or 2 months) or a date before 1978.</exception>
    public Deadline Compute(DeadlineState state) =>
        Guard(() => Calculator.Compute(state.ClockStart ?? ClockStart.OnReceipt(state.ReceivedOn), state.Pauses, Effective(state)));

    /// <summary>
    /// The deadline of a request received on <paramref name="receivedOn"/> with a period of <paramref name="months"/>
    /// (1, or 2 or 3 with an extension told in time), recording nothing: officers plan with it.
    /// </summary>
    /// <exception cref="InvalidInputException">Months not 1 to 3, or a date before 1978.</exception>
    public Deadline Plan(DateOnly receivedOn, int months)
    {
        if (months is < DeadlinePolicy.FirstPeriodMonths or > LongestPeriodMonths)
        {
            throw new InvalidInputException($"'months' must be 1 to {LongestPeriodMonths}: one month, plus at most two of extension.");
        }

        IReadOnlyList<DeadlineExtension> extensions = months == DeadlinePolicy.FirstPeriodMonths
            ? []
            : [new DeadlineExtension(months - DeadlinePolicy.FirstPeriodMonths, ExtensionReasons.Complex, receivedOn, ToldOn: receivedOn)];
        return Guard(() => Calculator.Compute(ClockStart.OnReceipt(receivedOn), [], extensions));
    }

    /// <summary>Recomputes <see cref="DeadlineState.DueDate"/> after a change of the facts.</summary>
    public DeadlineState WithDueDate(DeadlineState state) => state with { DueDate = Compute(state).DueDate };

    /// <summary>
    /// The extensions with their notice dates: a legacy record's notice (<see cref="ExtensionNotice.ToldAt"/>) stands
    /// for a missing <see cref="DeadlineExtension.ToldOn"/>.
    /// </summary>
    public IReadOnlyList<DeadlineExtension> Effective(DeadlineState state) => state.Extensions.Select((e, i) =>
        e.ToldOn is null && i < state.ExtensionNotices.Count && state.ExtensionNotices[i].ToldAt is { } toldAt
            ? e with { ToldOn = Day(toldAt) }
            : e).ToList();

    /// <summary>
    /// Whole seconds from <paramref name="now"/> to the end of the due day (local midnight), at least 1: how long the
    /// workflow may wait. With the clock stopped (no due date) the longest possible period from receipt is used.
    /// </summary>
    public int HorizonSeconds(DeadlineState state, DateTimeOffset now)
    {
        var due = state.DueDate ?? state.ReceivedOn.AddMonths(LongestPeriodMonths);
        var seconds = Math.Ceiling((EndOfDay(due) - now).TotalSeconds);
        return (int)Math.Clamp(seconds, 1, int.MaxValue);
    }

    /// <summary>The instant the organisation's day <paramref name="day"/> ends (the next local midnight).</summary>
    public DateTimeOffset EndOfDay(DateOnly day)
    {
        var midnight = day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, Policy.Zone.GetUtcOffset(midnight));
    }

    internal static T Guard<T>(Func<T> compute)
    {
        try
        {
            return compute();
        }
        catch (ArgumentOutOfRangeException e) when (e.ParamName == "year")
        {
            throw new InvalidInputException($"Dates before {UkBankHolidays.FirstYear} have no UK bank-holiday rules here: check the date.", e);
        }
        catch (DeadlineRuleException e) when (e.Violation is DeadlineRuleViolation.ExtensionNotPositive or DeadlineRuleViolation.ExtensionWithoutReason)
        {
            throw new InvalidInputException(e.Message, e);
        }
        catch (DeadlineRuleException e)
        {
            throw new ConflictException(e.Message, e);
        }
    }
}
