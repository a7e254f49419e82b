using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Functions.Hosting.HttpApi;

/// <summary>
/// The actor recorded for an API call: the IAM principal API Gateway authenticated (<c>requestContext.authorizer.iam.userArn</c>).
/// </summary>
/// <remarks>
/// The account and partition are dropped (<c>assumed-role/GdprOfficer/jsmith</c>, <c>user/ops</c>). Role session names
/// are often the officer's email address, which audit records must not hold: such a session name is replaced by a short
/// hash of it, still matchable against the API access log, which records the full ARN.
/// </remarks>
public static class CallerIdentity
{
    /// <summary>The actor when the event carries no IAM identity (a direct local call).</summary>
    public const string Unknown = "unauthenticated";

    public const int MaxLength = 128;

    public static string From(JsonObject? requestContext)
    {
        var arn = ((requestContext?["authorizer"] as JsonObject)?["iam"] as JsonObject)?["userArn"] is JsonValue value
            && value.TryGetValue<string>(out var text) ? text : null;
        return string.IsNullOrWhiteSpace(arn) ? Unknown : FromArn(arn);
    }

    /// <summary>The actor for a principal ARN (<c>arn:aws:sts::123456789012:assumed-role/Role/session</c>).</summary>
    public static string FromArn(string arn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(arn);
        var parts = arn.Split(':', 6);
        var resource = parts.Length == 6 ? parts[5] : arn;
        var segments = resource.Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            if (LooksPersonal(segments[i]))
            {
                segments[i] = "sha256-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(segments[i])))[..16];
            }
        }

        var actor = string.Join('/', segments.Where(s => s.Length > 0).Select(Printable));
        return actor.Length == 0 ? Unknown : actor.Length <= MaxLength ? actor : actor[..MaxLength];
    }

    private static bool LooksPersonal(string segment) => segment.Contains('@', StringComparison.Ordinal) || segment.Count(char.IsAsciiDigit) >= 7;

    private static string Printable(string segment) => new(segment.Select(c => c is >= '!' and <= '~' ? c : '_').ToArray());
}
