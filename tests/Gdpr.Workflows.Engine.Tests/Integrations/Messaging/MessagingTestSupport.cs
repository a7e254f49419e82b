using System.Text.Json.Nodes;
using Gdpr.Workflows.Conformance.Core;
using Gdpr.Workflows.Engine.Integrations;

namespace Gdpr.Workflows.Engine.Tests.Integrations.Messaging;

internal static class MessagingTestSupport
{
    public static readonly ExpectationComparer Comparer =
        new(new RecorderNormalizer(RecorderNormalizer.RecordedAccountId, EngineCaseExecutor.Region));

    public static TaskInvocation Task(
        string resource,
        JsonNode? parameters,
        string key = "exec/Notify/0",
        IntegrationPattern pattern = IntegrationPattern.RequestResponse) =>
        new(resource, pattern, parameters?.DeepClone(), key, null, "arn:aws:states:us-east-1:111111111111:execution:sm:exec", "Notify", 0, null);

    public static CaseOutcome Succeeded(JsonNode? output) => new("SUCCEEDED", output?.ToJsonString() ?? "null", null, null);

    /// <summary>Waits (briefly, in real time) for a background delivery to be observed.</summary>
    public static async Task<T> Within<T>(Task<T> task) => await task.WaitAsync(TimeSpan.FromSeconds(5));
}
