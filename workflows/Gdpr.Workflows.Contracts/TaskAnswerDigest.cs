using System.Security.Cryptography;
using System.Text;

namespace Gdpr.Workflows.Contracts;

/// <summary>
/// The fingerprint of what an answer sends to the engine: the same answer sent again is recognised as a duplicate
/// (200, changes nothing), a different one to an answered task is a conflict. Hosts compute it the same way.
/// </summary>
public static class TaskAnswerDigest
{
    /// <summary>Of a success: its output as sent to the engine.</summary>
    public static string OfSuccess(string outputJson) => Hash("succeeded\n" + outputJson);

    /// <summary>Of a failure: its error name.</summary>
    public static string OfFailure(string error) => Hash("failed\n" + error);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
