using System.Net;
using System.Text;

namespace Gdpr.Workflows.Aws.Tests.TestSupport;

/// <summary>Responses shaped as AWS sends them, for the stub transport.</summary>
public static class AwsResponses
{
    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) => new(status)
    {
        Content = new StringContent(json, Encoding.UTF8, "application/x-amz-json-1.0"),
        Headers = { { "x-amzn-RequestId", "req-1" } },
    };

    public static HttpResponseMessage Xml(string xml, HttpStatusCode status = HttpStatusCode.OK) => new(status)
    {
        Content = new StringContent(xml, Encoding.UTF8, "text/xml"),
        Headers = { { "x-amzn-RequestId", "req-1" } },
    };
}
