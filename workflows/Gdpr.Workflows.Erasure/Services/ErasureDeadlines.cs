using Gdpr.Workflows.Erasure.Deadlines;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>
/// The deadline rules of one jurisdiction: its time zone (which day an instant falls on) and its holiday calendar.
/// Services compute every <see cref="DeadlineState.DueDate"/> through it.
/// </summary>
public sealed class ErasureDeadlines(string jurisdiction, DeadlinePolicy policy, DeadlineCalculator calculator)
{
    /// <summary>The longest a response period can run: one month plus two months of extension.</summary>
    public const int LongestPeriodMonths = DeadlinePolicy.FirstPeriodMonths + DeadlinePolicy.MaxExtensionMonths;

    /// <summary>The jurisdiction code stored on requests, e.g. "UK".</summary>
    public string Jurisdiction { get; } = jurisdiction;

    public DeadlinePolicy Policy { get; } = policy;

    public DeadlineCalculator Calculator { get; } = calculator;

    /// <summary>UK GDPR: Europe/London, England and Wales bank holidays.</summary>
    public static ErasureDeadlines UnitedKingdom() =>
        new("UK", DeadlinePolicy.EuropeLondon(), new DeadlineCalculator(BankHolidayCalendar.EnglandAndWales()));

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
    /// from receipt.
    /// </summary>
    /// <exception cref="ErasureException">The holiday calendar has no data for the dates (<see cref="ErasureErrorTypes.DeadlineUnavailable"/>).</exception>
    /// <exception cref="ConflictException">The facts break a deadline rule (e.g. an extension after the first month).</exception>
    /// <exception cref="InvalidInputException">A malformed extension (no reason, not 1 or 2 months).</exception>
    public Deadline Compute(DeadlineState state) =>
        Guard(() => Calculator.Compute(state.ClockStart ?? ClockStart.OnReceipt(state.ReceivedOn), state.Pauses, state.Extensions));

    /// <summary>Recomputes <see cref="DeadlineState.DueDate"/> after a change of the facts.</summary>
    public DeadlineState WithDueDate(DeadlineState state) => state with { DueDate = Compute(state).DueDate };

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
        catch (HolidayCalendarCoverageException e)
        {
            throw new ErasureException(ErasureErrorKind.Failed, ErasureErrorTypes.DeadlineUnavailable, e.Message, e);
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
