using System.Net;
using System.Text;
using Amazon.Runtime;
using Gdpr.Workflows.Aws;
using Gdpr.Workflows.TestSupport.Http;

namespace Gdpr.Workflows.Functions.Tests.Aws;

/// <summary>Client options on a stub transport that answers with JSON as AWS's JSON protocols do.</summary>
internal static class AwsStub
{
    public static AwsClientOptions Options(StubHttpMessageHandler stub) => new()
    {
        Region = "eu-west-1",
        Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
        HttpMessageHandler = stub,
    };

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) => new(status)
    {
        Content = new StringContent(json, Encoding.UTF8, "application/x-amz-json-1.1"),
    };
}
