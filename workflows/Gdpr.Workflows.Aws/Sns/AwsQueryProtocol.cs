using System.Text;
using System.Xml;
using System.Xml.Linq;
using Gdpr.Workflows.Aws.Http;

namespace Gdpr.Workflows.Aws.Sns;

/// <summary>The AWS query protocol: a form-encoded POST with <c>Action</c> and <c>Version</c>, answered with XML.</summary>
internal sealed class AwsQueryProtocol(AwsSignedHttpClient http, string apiVersion)
{
    private const string ContentType = "application/x-www-form-urlencoded; charset=utf-8";

    /// <summary>Calls <paramref name="action"/> and returns the text of the first <paramref name="resultElement"/> in the answer.</summary>
    /// <exception cref="AwsServiceException">The service answered with an error, or without that element.</exception>
    public async Task<string> CallAsync(
        string action, IEnumerable<KeyValuePair<string, string>> parameters, string resultElement, CancellationToken cancellationToken)
    {
        var body = Encode([new("Action", action), new("Version", apiVersion), .. parameters]);
        using var response = await http.PostAsync(body, ContentType, [], cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await AwsErrorParser.ParseAsync(response, cancellationToken);
        }

        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            using var stream = new MemoryStream(content);
            return XDocument.Load(stream).Descendants().FirstOrDefault(e => e.Name.LocalName == resultElement)?.Value
                ?? throw new AwsServiceException($"{action} answered without a {resultElement}.");
        }
        catch (XmlException malformed)
        {
            throw new AwsServiceException($"{action} answered with a body that is not XML.", malformed);
        }
    }

    /// <summary>RFC 3986 percent-encoding, as AWS canonicalises it (space is %20, never '+').</summary>
    internal static byte[] Encode(IEnumerable<KeyValuePair<string, string>> parameters) =>
        Encoding.UTF8.GetBytes(string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}")));
}
