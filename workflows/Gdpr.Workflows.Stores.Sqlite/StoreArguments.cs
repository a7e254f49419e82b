namespace Gdpr.Workflows.Stores;

/// <summary>Argument checks shared by the SQLite and DynamoDB stores (this file is compiled into both), so bad input fails with a clear message before any SQL runs.</summary>
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
}
