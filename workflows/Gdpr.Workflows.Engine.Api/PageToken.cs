using System.Text;

namespace Gdpr.Workflows.Engine.Api;

/// <summary>
/// The opaque nextToken of the List/Get operations: the kind of listing and where the next page starts. A token from
/// another listing, or not one of ours, is AWS's InvalidToken.
/// </summary>
internal static class PageToken
{
    public static string Create(string kind, string position) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(kind + "\n" + position));

    public static string? Read(string? token, string kind)
    {
        if (token is null)
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var split = text.IndexOf('\n', StringComparison.Ordinal);
            if (split > 0 && text[..split] == kind)
            {
                return text[(split + 1)..];
            }
        }
        catch (FormatException)
        {
            // Falls through to the refusal below: not a token of ours.
        }

        throw new ApiErrorException("InvalidToken", $"Invalid Token: '{token}'");
    }

    /// <summary>maxResults: 0 or absent is the default of 100; at most 1000.</summary>
    public static int PageSize(ApiRequest request) => request.OptionalInt("maxResults", 0, 1000) is { } n and > 0 ? n : 100;
}
