using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gdpr.Workflows.Aws;
using Gdpr.Workflows.Aws.Sns;
using Gdpr.Workflows.Engine.Integrations;

namespace Gdpr.Workflows.Cli.EngineIntegrations;

/// <summary>
/// <c>arn:aws:states:::sns:publish</c> (and <c>.waitForTaskToken</c>) sent to a real SNS API (moto_server, or AWS)
/// with a SigV4-signed Publish, instead of the engine's in-process topics: <c>gdpr engine serve --sns-endpoint</c>.
/// Parameters are Publish's (<c>TopicArn</c>, <c>Message</c>: JSON other than a string is sent as JSON text,
/// <c>Subject</c>, <c>MessageAttributes</c> of String or Number values); the result is <c>{MessageId}</c>. An SNS
/// error fails the task as <c>SNS.&lt;code&gt;</c>, as Step Functions reports it.
/// </summary>
public sealed partial class SnsEndpointPublishIntegration(SnsClient sns) : ITaskIntegration
{
    public bool CanHandle(string resource) => Resource().IsMatch(resource);

    public async Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (invocation.Pattern == IntegrationPattern.Sync)
        {
            throw new TaskFailedException("States.Runtime", "sns:publish does not support the .sync integration pattern.");
        }

        var parameters = invocation.Parameters as JsonObject;
        var topicArn = Text(parameters?["TopicArn"]) ?? Text(parameters?["TargetArn"])
            ?? throw new TaskFailedException("SNS.InvalidParameterException", "TopicArn is required");
        try
        {
            var messageId = await sns.PublishAsync(
                new SnsPublishRequest
                {
                    TopicArn = topicArn,
                    Message = Text(parameters?["Message"]) ?? parameters?["Message"]?.ToJsonString() ?? string.Empty,
                    Subject = Text(parameters?["Subject"]),
                    MessageAttributes = Attributes(parameters?["MessageAttributes"] as JsonObject),
                },
                cancellationToken);
            return new JsonObject { ["MessageId"] = messageId };
        }
        catch (AwsServiceException e)
        {
            throw new TaskFailedException("SNS." + e.ErrorCode, e.Message);
        }
    }

    private static string? Text(JsonNode? value) => value is JsonValue v && v.TryGetValue(out string? text) ? text : null;

    private static Dictionary<string, SnsMessageAttribute>? Attributes(JsonObject? attributes) =>
        attributes?.Where(a => a.Value is JsonObject).ToDictionary(
            a => a.Key,
            a => new SnsMessageAttribute(Text(a.Value!["DataType"]) ?? "String", Text(a.Value!["StringValue"]) ?? string.Empty),
            StringComparer.Ordinal);

    [GeneratedRegex("^arn:[^:]+:states:::sns:publish$")]
    private static partial Regex Resource();
}
