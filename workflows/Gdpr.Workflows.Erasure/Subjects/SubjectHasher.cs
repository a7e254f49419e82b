using System.Security.Cryptography;
using System.Text;

namespace Gdpr.Workflows.Erasure.Subjects;

/// <summary>
/// Keyed hash of a subject identifier: lowercase hex of HMAC-SHA256(pepper, UTF-8 "kind:normalised value").
/// Stores keep only this hash, so an auditor who knows an email (and can use the hasher) finds its
/// requests, while a leaked store cannot be reversed by hashing guessed emails without the pepper.
/// </summary>
public sealed class SubjectHasher
{
    /// <summary>The shortest pepper accepted: HMAC-SHA256 gets its full strength from a 256-bit key.</summary>
    public const int MinPepperBytes = 32;

    private readonly byte[] _pepper;

    public SubjectHasher(ReadOnlySpan<byte> pepper)
    {
        if (pepper.Length < MinPepperBytes)
        {
            throw new ArgumentException($"The pepper must be at least {MinPepperBytes} random bytes.", nameof(pepper));
        }

        _pepper = pepper.ToArray();
    }

    /// <summary>The 64-character lowercase hex hash of <paramref name="identifier"/>.</summary>
    public string Hash(SubjectIdentifier identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var mac = HMACSHA256.HashData(_pepper, Encoding.UTF8.GetBytes(identifier.CanonicalForm));
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>The hashes of every identifier, in the same order.</summary>
    public IReadOnlyList<string> HashAll(SubjectIdentifiers identifiers)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        return identifiers.Select(Hash).ToArray();
    }
}
