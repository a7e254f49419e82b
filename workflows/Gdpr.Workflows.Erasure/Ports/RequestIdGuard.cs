namespace Gdpr.Workflows.Erasure.Ports;

/// <summary>The one rule for request ids as keys of the stores: present, short, printable.</summary>
internal static class RequestIdGuard
{
    public const int MaxLength = 256;

    public static void Check(string requestId, string parameterName = "requestId")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId, parameterName);
        if (requestId.Length > MaxLength)
        {
            throw new ArgumentException($"A request id is at most {MaxLength} characters.", parameterName);
        }

        if (requestId.Any(c => char.IsControl(c) || char.IsSurrogate(c)) || !string.Equals(requestId.Trim(), requestId, StringComparison.Ordinal))
        {
            throw new ArgumentException("A request id has no control characters, lone surrogates or surrounding whitespace.", parameterName);
        }
    }
}
