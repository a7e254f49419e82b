using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Stores;

/// <summary>
/// Argument checks shared by the SQLite and DynamoDB stores (this folder is compiled into both), so bad
/// input fails with a clear message before any SQL or request is sent.
/// </summary>
internal static class StoreArguments
{
    public const int MaxRequestIdLength = 256;

    /// <summary>The domain's rule for request ids: present, at most 256 characters, printable, no surrounding whitespace.</summary>
    public static string RequestId(string requestId, string parameterName = "requestId")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId, parameterName);
        if (requestId.Length > MaxRequestIdLength)
        {
            throw new ArgumentException($"A request id is at most {MaxRequestIdLength} characters.", parameterName);
        }

        if (requestId.Any(c => char.IsControl(c) || char.IsSurrogate(c)) || !string.Equals(requestId.Trim(), requestId, StringComparison.Ordinal))
        {
            throw new ArgumentException("A request id has no control characters, lone surrogates or surrounding whitespace.", parameterName);
        }

        return requestId;
    }

    public static string IdempotencyKey(string key, string parameterName = "idempotencyKey")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key, parameterName);
        return key;
    }

    public static string NotBlank(string value, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, parameterName);
        if (value.Any(char.IsControl))
        {
            throw new ArgumentException("The value has control characters.", parameterName);
        }

        return value;
    }

    /// <summary>A subject hash as the audit trail keeps it: 64 lowercase hex digits.</summary>
    public static string AuditSubjectHash(string subjectHash, string parameterName = "subjectHash")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subjectHash, parameterName);
        if (subjectHash.Length != 64 || !subjectHash.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("A subject hash is 64 lowercase hex digits (see SubjectHasher).", parameterName);
        }

        return subjectHash;
    }

    public static void PageSize(int pageSize, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, max);
    }

    public static void Days(DateOnly firstDay, DateOnly lastDay)
    {
        if (lastDay < firstDay)
        {
            throw new ArgumentOutOfRangeException(nameof(lastDay), lastDay, "The last day is before the first day.");
        }

        if (lastDay.DayNumber - firstDay.DayNumber + 1 > IAuditHistoryStore.MaxDays)
        {
            throw new ArgumentOutOfRangeException(nameof(lastDay), lastDay, $"A query spans at most {IAuditHistoryStore.MaxDays} days.");
        }
    }

    /// <summary>An audit system name: 1..128 of letters, digits, _ . : / - starting with a letter or digit (as AuditEvent requires).</summary>
    public static string? System(string? system) =>
        system is null || (system.Length is >= 1 and <= 128 && char.IsAsciiLetterOrDigit(system[0])
            && system.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or ':' or '/' or '-'))
            ? system
            : throw new ArgumentException("A system name is 1 to 128 characters: letters, digits and _ . : / -, starting with a letter or digit.", nameof(system));
}
