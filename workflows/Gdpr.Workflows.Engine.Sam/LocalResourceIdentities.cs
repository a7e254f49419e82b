using System.Globalization;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Sam;

/// <summary>
/// What <c>!Ref</c> and <c>!GetAtt</c> return for the resource types a local run needs, following CloudFormation's
/// return values, in the local account. Physical names not set in the template are <c>{StackName}-{LogicalId}</c>
/// (CloudFormation adds a random suffix; a local run wants stable names).
/// </summary>
internal static class LocalResourceIdentities
{
    private sealed record Kind(
        string NameProperty,
        Func<Identity, string> Ref,
        IReadOnlyDictionary<string, Func<Identity, string>> Attributes);

    private readonly record struct Identity(string Name, SamTemplateOptions Options)
    {
        public string Arn(string service, string resource) =>
            $"arn:{Options.Partition}:{service}:{Options.Region}:{Options.AccountId}:{resource}";
    }

    private static readonly Kind Function = new(
        "FunctionName",
        id => id.Name,
        new Dictionary<string, Func<Identity, string>> { ["Arn"] = id => id.Arn("lambda", $"function:{id.Name}") });

    private static Kind StateMachine(string nameProperty) => new(
        nameProperty,
        id => id.Arn("states", $"stateMachine:{id.Name}"),
        new Dictionary<string, Func<Identity, string>>
        {
            ["Arn"] = id => id.Arn("states", $"stateMachine:{id.Name}"),
            ["Name"] = id => id.Name,
        });

    private static readonly Kind Topic = new(
        "TopicName",
        id => id.Arn("sns", id.Name),
        new Dictionary<string, Func<Identity, string>>
        {
            ["TopicArn"] = id => id.Arn("sns", id.Name),
            ["TopicName"] = id => id.Name,
        });

    private static readonly Kind Queue = new(
        "QueueName",
        QueueUrl,
        new Dictionary<string, Func<Identity, string>>
        {
            ["Arn"] = id => id.Arn("sqs", id.Name),
            ["QueueUrl"] = QueueUrl,
            ["QueueName"] = id => id.Name,
        });

    private static readonly Kind Table = new(
        "TableName",
        id => id.Name,
        new Dictionary<string, Func<Identity, string>> { ["Arn"] = id => id.Arn("dynamodb", $"table/{id.Name}") });

    private static readonly Kind Bucket = new(
        "BucketName",
        id => id.Name,
        new Dictionary<string, Func<Identity, string>> { ["Arn"] = id => $"arn:{id.Options.Partition}:s3:::{id.Name}" });

    private static readonly Dictionary<string, Kind> Kinds = new(StringComparer.Ordinal)
    {
        ["AWS::Serverless::Function"] = Function,
        ["AWS::Lambda::Function"] = Function,
        ["AWS::Serverless::StateMachine"] = StateMachine("Name"),
        ["AWS::StepFunctions::StateMachine"] = StateMachine("StateMachineName"),
        ["AWS::SNS::Topic"] = Topic,
        ["AWS::SQS::Queue"] = Queue,
        ["AWS::DynamoDB::Table"] = Table,
        ["AWS::Serverless::SimpleTable"] = Table,
        ["AWS::S3::Bucket"] = Bucket,
    };

    public static bool IsSupported(string type) => Kinds.ContainsKey(type);

    /// <summary>The property that sets the physical name (FunctionName, TopicName...), for a supported type.</summary>
    public static string NameProperty(string type) => Kinds[type].NameProperty;

    /// <summary>The name CloudFormation would generate, made stable: <c>{StackName}-{LogicalId}</c>.</summary>
    public static string GeneratedName(SamResource resource, SamTemplateOptions options)
    {
        var name = $"{options.StackName}-{resource.LogicalId}";
        return resource.Type switch
        {
            "AWS::S3::Bucket" => name.ToLowerInvariant(),
            "AWS::SQS::Queue" when IsTrue(resource.Properties["FifoQueue"]) => name + ".fifo",
            "AWS::SNS::Topic" when IsTrue(resource.Properties["FifoTopic"]) => name + ".fifo",
            _ => name,
        };
    }

    public static string Ref(string type, string name, SamTemplateOptions options) => Kinds[type].Ref(new Identity(name, options));

    /// <summary>The attribute's value, or null when the local engine does not model it.</summary>
    public static string? GetAtt(string type, string attribute, string name, SamTemplateOptions options) =>
        Kinds[type].Attributes.TryGetValue(attribute, out var read) ? read(new Identity(name, options)) : null;

    public static IEnumerable<string> Attributes(string type) => Kinds[type].Attributes.Keys;

    /// <summary>The ARN of a Lambda function by name, as <c>!GetAtt Fn.Arn</c> gives it.</summary>
    public static string FunctionArn(string name, SamTemplateOptions options) =>
        Function.Attributes["Arn"](new Identity(name, options));

    public static string StateMachineArn(string name, SamTemplateOptions options) =>
        Kinds["AWS::Serverless::StateMachine"].Ref(new Identity(name, options));

    private static string QueueUrl(Identity id) =>
        string.Create(CultureInfo.InvariantCulture, $"https://sqs.{id.Options.Region}.{id.Options.UrlSuffix}/{id.Options.AccountId}/{id.Name}");

    private static bool IsTrue(JsonNode? node) => JsonText.OfScalar(node) is "true" or "True";
}
