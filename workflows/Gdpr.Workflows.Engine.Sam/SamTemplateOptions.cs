namespace Gdpr.Workflows.Engine.Sam;

/// <summary>
/// The local account a template is resolved in: the values of the pseudo parameters
/// (AWS::Region, AWS::AccountId, AWS::Partition, AWS::StackName, AWS::URLSuffix) and of Fn::ImportValue.
/// The defaults match <see cref="LocalEngineOptions"/>.
/// </summary>
public sealed record SamTemplateOptions
{
    private readonly string? _partition;
    private readonly string? _urlSuffix;

    public string Region { get; init; } = "us-east-1";

    public string AccountId { get; init; } = "123456789012";

    /// <summary>Prefix of every generated physical name: <c>{StackName}-{LogicalId}</c>.</summary>
    public string StackName { get; init; } = "local";

    /// <summary>Derived from <see cref="Region"/> (aws, aws-cn, aws-us-gov) unless set.</summary>
    public string Partition
    {
        get => _partition ?? PartitionOf(Region);
        init => _partition = value;
    }

    /// <summary>Derived from <see cref="Region"/> (amazonaws.com, amazonaws.com.cn) unless set.</summary>
    public string UrlSuffix
    {
        get => _urlSuffix ?? (Region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com");
        init => _urlSuffix = value;
    }

    /// <summary>The exports of other stacks, by export name, for Fn::ImportValue.</summary>
    public IReadOnlyDictionary<string, string> ImportValues { get; init; } = new Dictionary<string, string>();

    /// <summary>The same region and account as a local engine.</summary>
    public static SamTemplateOptions For(LocalEngineOptions engine, string stackName = "local") =>
        new() { Region = engine.Region, AccountId = engine.AccountId, StackName = stackName };

    private static string PartitionOf(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
        : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
        : "aws";
}
