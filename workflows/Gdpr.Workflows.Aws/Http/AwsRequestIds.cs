namespace Gdpr.Workflows.Aws.Http;

internal static class AwsRequestIds
{
    /// <summary>The request id AWS echoes (x-amzn-RequestId, or x-amz-request-id on older protocols).</summary>
    public static string? From(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-amzn-RequestId", out var values) || response.Headers.TryGetValues("x-amz-request-id", out values)
            ? values.FirstOrDefault()
            : null;
}
