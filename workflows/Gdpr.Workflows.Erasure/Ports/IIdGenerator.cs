using System.Globalization;
using System.Security.Cryptography;

namespace Gdpr.Workflows.Erasure.Ports;

/// <summary>Makes new ids, so services and tests decide how ids look (random in production, sequential in tests).</summary>
public interface IIdGenerator
{
    /// <summary>
    /// A new id starting with <paramref name="prefix"/> and a hyphen, at most 80 characters of letters, digits and
    /// hyphens: valid as a Step Functions execution name and as a store key.
    /// </summary>
    string NewId(string prefix);
}

/// <summary>"req-20250303-k3m9x2q7w1ab": the UTC day (so ids sort roughly by creation) and 60 random bits.</summary>
public sealed class RandomIdGenerator(TimeProvider timeProvider) : IIdGenerator
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32, lower case

    public string NewId(string prefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        Span<char> random = stackalloc char[12];
        for (var i = 0; i < random.Length; i++)
        {
            random[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        var day = timeProvider.GetUtcNow().ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return $"{prefix}-{day}-{random}";
    }
}

/// <summary>"req-000001", "req-000002", ...: deterministic ids for tests and reproducible demos.</summary>
public sealed class SequentialIdGenerator(int start = 1) : IIdGenerator
{
    private int _next = start - 1;

    public string NewId(string prefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        return $"{prefix}-{Interlocked.Increment(ref _next).ToString("D6", CultureInfo.InvariantCulture)}";
    }
}
