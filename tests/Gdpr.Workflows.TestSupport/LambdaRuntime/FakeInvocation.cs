using System.Text;

namespace Gdpr.Workflows.TestSupport.LambdaRuntime;

/// <summary>An event the fake Runtime API hands out on <c>invocation/next</c>, with the headers that go with it.</summary>
public sealed record FakeInvocation(string RequestId, byte[] Event, DateTimeOffset Deadline)
{
    public string? FunctionArn { get; init; } = "arn:aws:lambda:eu-west-1:123456789012:function:fake";

    public string? TraceId { get; init; }

    public string? ClientContext { get; init; }

    public string? CognitoIdentity { get; init; }

    public static FakeInvocation FromJson(string requestId, string eventJson, DateTimeOffset deadline) =>
        new(requestId, Encoding.UTF8.GetBytes(eventJson), deadline);
}
