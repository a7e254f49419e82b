using System.Text;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.TestSupport.LambdaRuntime;

public enum FakeReportKind
{
    Response,
    InvocationError,
    InitError,
}

/// <summary>What a runtime posted back: a response, an invocation error or an init error.</summary>
/// <param name="RequestId">The invocation's request id; null for an init error.</param>
/// <param name="ErrorTypeHeader">The Lambda-Runtime-Function-Error-Type header, if sent.</param>
/// <param name="ReceivedTimestamp"><see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> at arrival (for benchmarks).</param>
public sealed record FakeRuntimeReport(
    FakeReportKind Kind,
    string? RequestId,
    byte[] Body,
    string? ContentType,
    string? ErrorTypeHeader,
    long ReceivedTimestamp)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public JsonNode? BodyJson => JsonNode.Parse(Body);
}
