using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Data.Intrinsics;

/// <summary>States.Base64Encode, States.Base64Decode and States.Hash.</summary>
internal static class EncodingFunctions
{
    private const int MaxInputCharacters = 10_000;

    public static JsonNode? Base64Encode(IntrinsicInvocation invocation)
    {
        var text = BoundedString(invocation, 0);
        return JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)));
    }

    public static JsonNode? Base64Decode(IntrinsicInvocation invocation)
    {
        var text = BoundedString(invocation, 0);
        try
        {
            return JsonValue.Create(Encoding.UTF8.GetString(Convert.FromBase64String(text)));
        }
        catch (FormatException)
        {
            throw invocation.Failure("The argument is not a valid Base64 string");
        }
    }

    /// <summary>The lower-case hex digest; algorithms MD5, SHA-1, SHA-256, SHA-384 and SHA-512.</summary>
    public static JsonNode? Hash(IntrinsicInvocation invocation)
    {
        var data = Encoding.UTF8.GetBytes(BoundedString(invocation, 0));
        var algorithm = invocation.String(1);

        // MD5 and SHA-1 are what the ASL function offers; they are not used for security here.
#pragma warning disable CA5350, CA5351
        var digest = algorithm switch
        {
            "MD5" => MD5.HashData(data),
            "SHA-1" => SHA1.HashData(data),
            "SHA-256" => SHA256.HashData(data),
            "SHA-384" => SHA384.HashData(data),
            "SHA-512" => SHA512.HashData(data),
            _ => throw invocation.Failure(
                $"The hashing algorithm '{algorithm}' is not supported; use MD5, SHA-1, SHA-256, SHA-384 or SHA-512"),
        };
#pragma warning restore CA5350, CA5351
        return JsonValue.Create(Convert.ToHexStringLower(digest));
    }

    private static string BoundedString(IntrinsicInvocation invocation, int index)
    {
        var text = invocation.String(index);
        if (text.Length > MaxInputCharacters)
        {
            throw invocation.Failure(string.Create(
                CultureInfo.InvariantCulture,
                $"The input string is {text.Length} characters long; at most {MaxInputCharacters} are allowed"));
        }

        return text;
    }
}
