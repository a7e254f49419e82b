using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>
/// Holds a system's "retained" answer to its registry entry, the same way for sync connectors and async callbacks: the
/// data kept must be a declared retention rule, the ground must be that rule's Art. 17(3) ground, and the retain-until day
/// must lie between today and the longest the rule allows for a record made today (<see cref="RetentionRule.KeepUntil"/>).
/// A "beyond_use" answer must give a backup expiry that is not in the past. Anything else fails as
/// <see cref="ErasureErrorTypes.UndeclaredRetention"/>: data kept without a declared ground is data that should have gone.
/// </summary>
/// <remarks>
/// ICO, "Right to erasure" (When does the right to erasure not apply?): the exemptions are those of Art. 17(3), and the
/// individual must be told which applies. Worked example (orders: invoices, Art. 17(3)(b), 6 years from the end of a
/// financial year ending 31 March; today 2026-12-05): the longest allowed is 2033-03-31; 2032-03-31 (an invoice of
/// 2025-06-01) is accepted, 2033-04-01 and 2026-12-04 are refused, and so is ground (e).
/// </remarks>
public static class RetentionCheck
{
    /// <summary>A sync connector's result as the system's answer; a retained result without a date keeps the rule's longest.</summary>
    public static ErasureAnswer FromConnector(SystemDefinition definition, ConnectorResult result, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(result);
        try
        {
            switch (result.Outcome)
            {
                case ErasureOutcome.Retained:
                    var rule = Rule(definition, result.RetainedData);
                    return Check(definition, ErasureAnswer.Retained(result.Reference, rule.Ground, rule.Data, result.RetainUntil ?? rule.KeepUntil(today)), today);
                case ErasureOutcome.BeyondUse:
                    return Check(definition, ErasureAnswer.BeyondUse(result.Reference, result.RetainUntil ?? today, result.RetainedData ?? "backups"), today);
                default:
                    return new ErasureAnswer(result.Outcome, new ErasureReceipt(result.Reference));
            }
        }
        catch (InvalidInputException e)
        {
            throw new ErasureException(ErasureErrorKind.Failed, ErasureErrorTypes.ConnectorFailed,
                $"The connector of system '{definition.Name}' gave an unusable receipt: {e.Message}");
        }
    }

    /// <summary>Checks <paramref name="answer"/> against the system's rules and returns it unchanged when it holds.</summary>
    /// <exception cref="ErasureException">Erasure.UndeclaredRetention.</exception>
    public static ErasureAnswer Check(SystemDefinition definition, ErasureAnswer answer, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(answer);
        var receipt = answer.Receipt;
        if (answer.Outcome == ErasureOutcome.BeyondUse && receipt.RetainUntil < today)
        {
            throw Undeclared($"System '{definition.Name}' says its backups expired on {receipt.RetainUntil:yyyy-MM-dd}, before today: they are erased, so answer 'erased'.");
        }

        if (answer.Outcome != ErasureOutcome.Retained)
        {
            return answer;
        }

        var rule = Rule(definition, receipt.RetainedData);
        if (receipt.Ground != rule.Ground)
        {
            throw Undeclared($"System '{definition.Name}' keeps {rule.Data} under {receipt.Ground?.Article()}, but its registry entry declares {rule.Ground.Article()}.");
        }

        var latest = rule.KeepUntil(today);
        if (receipt.RetainUntil is not { } until || until < today || until > latest)
        {
            throw Undeclared($"System '{definition.Name}' keeps {rule.Data} until {receipt.RetainUntil:yyyy-MM-dd}, outside its declared period (today to {latest:yyyy-MM-dd}: {rule.Period}{(rule.CountedFrom == RetentionStart.FinancialYearEnd ? " from the end of the financial year" : string.Empty)}).");
        }

        return answer;
    }

    private static RetentionRule Rule(SystemDefinition definition, string? data) =>
        (data is null ? null : definition.FindRetention(data))
        ?? throw Undeclared($"System '{definition.Name}' kept data under no retention rule of its registry entry; declare the data, its Art. 17(3) ground and period.");

    private static ErasureException Undeclared(string message) =>
        new(ErasureErrorKind.Failed, ErasureErrorTypes.UndeclaredRetention, message);
}
