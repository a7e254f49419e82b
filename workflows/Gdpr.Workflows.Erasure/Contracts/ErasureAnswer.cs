using System.Globalization;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Subjects;

namespace Gdpr.Workflows.Erasure.Contracts;

/// <summary>
/// A system's proof of erasure. <see cref="Reference"/> is the system's own reference (a ticket or job id, a count);
/// for <see cref="ErasureOutcome.Retained"/> the ground, what was kept and until when are part of it, because the
/// definition passes only <c>{outcome, receipt}</c> on to the ledger.
/// </summary>
public sealed record ErasureReceipt(string Reference, RetentionGround? Ground = null, string? RetainedData = null, DateOnly? RetainUntil = null);

/// <summary>
/// What a system answers: the SyncErase function's result, the body of an async system's callback, and the
/// <c>erasure</c> of the ledger's SystemErased event. Wire form (all receipt fields always present):
/// <code>{"outcome": "retained", "receipt": {"reference": "orders:5", "ground": "Art. 17(3)(b)", "retainedData": "invoices", "retainUntil": "2031-04-05"}}</code>
/// </summary>
public sealed record ErasureAnswer
{
    public const int MaxReferenceLength = 256;

    public ErasureAnswer(ErasureOutcome outcome, ErasureReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        Check(outcome, receipt);
        Outcome = outcome;
        Receipt = receipt;
    }

    public ErasureOutcome Outcome { get; }

    public ErasureReceipt Receipt { get; }

    public static ErasureAnswer Erased(string reference) => new(ErasureOutcome.Erased, new ErasureReceipt(reference));

    public static ErasureAnswer NotHeld(string reference) => new(ErasureOutcome.NotHeld, new ErasureReceipt(reference));

    public static ErasureAnswer Retained(string reference, RetentionGround ground, string retainedData, DateOnly retainUntil) =>
        new(ErasureOutcome.Retained, new ErasureReceipt(reference, ground, retainedData, retainUntil));

    /// <summary>Erased from live data; the backups still holding <paramref name="data"/> are beyond use and expire on <paramref name="backupsExpireOn"/>.</summary>
    public static ErasureAnswer BeyondUse(string reference, DateOnly backupsExpireOn, string data = "backups") =>
        new(ErasureOutcome.BeyondUse, new ErasureReceipt(reference, null, data, backupsExpireOn));

    /// <summary>The wire form, <c>{outcome, receipt}</c>.</summary>
    public JsonObject ToJson() => new()
    {
        ["outcome"] = Outcome.WireName(),
        ["receipt"] = new JsonObject
        {
            ["reference"] = Receipt.Reference,
            ["ground"] = Receipt.Ground?.Article(),
            ["retainedData"] = Receipt.RetainedData,
            ["retainUntil"] = Receipt.RetainUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        },
    };

    /// <summary>
    /// Reads <c>{outcome, receipt}</c>; a receipt may also be a plain string (the reference). Other fields are ignored.
    /// </summary>
    /// <exception cref="InvalidInputException">Missing or malformed fields, or a receipt that looks like personal data.</exception>
    public static ErasureAnswer FromJson(JsonNode? node)
    {
        if (node is not JsonObject answer)
        {
            throw new InvalidInputException("An erasure answer is an object {outcome, receipt}.");
        }

        var outcomeText = Text(answer["outcome"], "outcome");
        if (!ErasureOutcomes.TryParse(outcomeText, out var outcome))
        {
            throw new InvalidInputException("'outcome' must be erased, not_held, retained or beyond_use.");
        }

        var receipt = answer["receipt"] switch
        {
            JsonValue value => new ErasureReceipt(Text(value, "receipt") ?? string.Empty),
            JsonObject fields => ReadReceipt(fields),
            _ => throw new InvalidInputException("'receipt' is required: the system's reference for the erasure."),
        };
        return new ErasureAnswer(outcome, receipt);
    }

    private static ErasureReceipt ReadReceipt(JsonObject fields)
    {
        RetentionGround? ground = null;
        if (Text(fields["ground"], "receipt.ground") is { } groundText)
        {
            ground = RetentionGrounds.TryParse(groundText, out var parsed)
                ? parsed
                : throw new InvalidInputException("'receipt.ground' must be an Art. 17(3) point such as \"Art. 17(3)(b)\".");
        }

        DateOnly? until = null;
        if (Text(fields["retainUntil"], "receipt.retainUntil") is { } untilText)
        {
            until = DateOnly.TryParseExact(untilText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                ? parsed
                : throw new InvalidInputException("'receipt.retainUntil' must be a date, yyyy-MM-dd.");
        }

        return new ErasureReceipt(Text(fields["reference"], "receipt.reference") ?? string.Empty, ground, Text(fields["retainedData"], "receipt.retainedData"), until);
    }

    private static string? Text(JsonNode? node, string field) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => throw new InvalidInputException($"'{field}' must be a string."),
    };

    private static void Check(ErasureOutcome outcome, ErasureReceipt receipt)
    {
        var reference = receipt.Reference;
        if (string.IsNullOrWhiteSpace(reference) || reference.Length > MaxReferenceLength || IdentifierText.HasInvisibleOrBrokenCharacters(reference))
        {
            throw new InvalidInputException($"'receipt.reference' must be 1 to {MaxReferenceLength} printable characters.");
        }

        if (AuditFieldRules.LooksLikeEmailOrPhone(reference)
            || (receipt.RetainedData is { } data && AuditFieldRules.LooksLikeEmailOrPhone(data)))
        {
            throw new InvalidInputException("The receipt looks like it holds an email address or phone number; a receipt is a reference, never personal data.");
        }

        var retention = receipt.Ground is not null || receipt.RetainUntil is not null || receipt.RetainedData is not null;
        if (outcome == ErasureOutcome.Retained)
        {
            if (receipt.Ground is null || receipt.RetainUntil is null || string.IsNullOrWhiteSpace(receipt.RetainedData) || receipt.RetainedData.Length > 64)
            {
                throw new InvalidInputException("A 'retained' answer names the Art. 17(3) ground, the data kept (at most 64 characters) and the date it is kept until.");
            }
        }
        else if (outcome == ErasureOutcome.BeyondUse)
        {
            // The date is when the last backup holding the data expires; no Art. 17(3) ground: nothing is kept for use.
            if (receipt.Ground is not null || receipt.RetainUntil is null || receipt.RetainedData is { Length: > 64 })
            {
                throw new InvalidInputException("A 'beyond_use' answer gives the date its backups expire ('retainUntil'), optionally what they hold ('retainedData', at most 64 characters), and no ground.");
            }
        }
        else if (retention)
        {
            throw new InvalidInputException($"Only a 'retained' or 'beyond_use' answer has a ground, retained data or a retain-until date, not '{outcome.WireName()}'.");
        }
    }
}
