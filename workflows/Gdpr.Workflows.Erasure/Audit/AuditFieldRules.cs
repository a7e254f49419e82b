using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Subjects;

namespace Gdpr.Workflows.Erasure.Audit;

/// <summary>What every field of an audit event must look like; enforced for new and stored events alike.</summary>
internal static partial class AuditFieldRules
{
    public const int MaxActorLength = 256;
    public const int MaxDetails = 32;
    public const int MaxDetailValueLength = 1024;
    public const int MaxIdempotencyKeyLength = 128;

    public static string Actor(string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (actor.Length > MaxActorLength || IdentifierText.HasInvisibleOrBrokenCharacters(actor)
            || !string.Equals(actor.Trim(), actor, StringComparison.Ordinal))
        {
            throw new ArgumentException($"An actor is at most {MaxActorLength} printable characters without surrounding whitespace.", nameof(actor));
        }

        return actor;
    }

    public static string? System(string? system) =>
        system is null || SystemPattern().IsMatch(system)
            ? system
            : throw new ArgumentException("A system name is 1 to 128 characters: letters, digits and _ . : / -, starting with a letter or digit.", nameof(system));

    public static string? SubjectHash(string? subjectHash) =>
        subjectHash is null || HashPattern().IsMatch(subjectHash)
            ? subjectHash
            : throw new ArgumentException("A subject hash is 64 lowercase hex digits (see SubjectHasher).", nameof(subjectHash));

    public static string ChainHash(string hash, string parameterName) =>
        hash is not null && HashPattern().IsMatch(hash)
            ? hash
            : throw new ArgumentException("A chain hash is 64 lowercase hex digits.", parameterName);

    public static string? IdempotencyKey(string? key) =>
        key is null || (key.Length is >= 1 and <= MaxIdempotencyKeyLength && key.All(c => c is >= '!' and <= '~'))
            ? key
            : throw new ArgumentException($"An idempotency key is 1 to {MaxIdempotencyKeyLength} printable ASCII characters without spaces.", nameof(key));

    public static DateTimeOffset OccurredAt(DateTimeOffset occurredAt)
    {
        // Whole milliseconds keep the canonical form exact across stores and languages.
        if (occurredAt.UtcTicks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentException("An audit time is in whole milliseconds.", nameof(occurredAt));
        }

        return occurredAt.ToUniversalTime();
    }

    public static ImmutableSortedDictionary<string, string> Details(IReadOnlyDictionary<string, string>? details)
    {
        if (details is null || details.Count == 0)
        {
            return ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
        }

        if (details.Count > MaxDetails)
        {
            throw new ArgumentException($"An audit event has at most {MaxDetails} details.", nameof(details));
        }

        foreach (var (key, value) in details)
        {
            if (!DetailKeyPattern().IsMatch(key))
            {
                throw new ArgumentException("A detail key is a letter then up to 63 letters, digits, '_', '.' or '-'.", nameof(details));
            }

            if (value is null || value.Length > MaxDetailValueLength || IdentifierText.HasInvisibleOrBrokenCharacters(value))
            {
                throw new ArgumentException($"Detail '{key}' must be at most {MaxDetailValueLength} printable characters.", nameof(details));
            }

            // A tripwire, not a guarantee: catches the usual slip of logging the raw email or phone.
            if (LooksLikeEmailOrPhone(value))
            {
                throw new ArgumentException($"Detail '{key}' looks like an email address or phone number; audit events never hold raw personal data (use a subject hash).", nameof(details));
            }
        }

        return details.ToImmutableSortedDictionary(StringComparer.Ordinal);
    }

    public static void RequestId(string requestId) => RequestIdGuard.Check(requestId);

    /// <summary>The tripwire for raw personal data in free text: something shaped like an email address or phone number.</summary>
    public static bool LooksLikeEmailOrPhone(string value) => EmailLike().IsMatch(value) || PhoneLike().IsMatch(value);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex SystemPattern();

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex HashPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex DetailKeyPattern();

    [GeneratedRegex(@"[^\s@]+@[^\s@]+\.[^\s@]+", RegexOptions.CultureInvariant)]
    private static partial Regex EmailLike();

    [GeneratedRegex(@"\+\d[\d\s().-]{6,}\d", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneLike();
}
