namespace Gdpr.Workflows.Engine.Sam;

/// <summary>A template parameter and the value the local stack uses (the override, else the Default).</summary>
public sealed class SamParameter
{
    public required string Name { get; init; }

    /// <summary>CloudFormation type: String, Number, CommaDelimitedList, List&lt;...&gt;, AWS::SSM::Parameter::Value&lt;...&gt;...</summary>
    public required string Type { get; init; }

    public string? Default { get; init; }

    /// <summary>
    /// The effective value as text (lists comma-separated). Null only for an SSM-typed parameter without an override:
    /// its Default names an SSM parameter the local engine cannot read.
    /// </summary>
    public string? Value { get; init; }

    /// <summary>True when <see cref="Value"/> came from the overrides rather than the Default.</summary>
    public bool IsOverridden { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<string> AllowedValues { get; init; } = [];

    /// <summary>A CommaDelimitedList or List&lt;...&gt;: <c>!Ref</c> yields a list.</summary>
    public bool IsList => Type == "CommaDelimitedList" || Type.StartsWith("List<", StringComparison.Ordinal);

    /// <summary>An <c>AWS::SSM::Parameter::Value&lt;...&gt;</c>: CloudFormation would read the value from SSM.</summary>
    public bool IsSsmValue => Type.StartsWith("AWS::SSM::Parameter::Value<", StringComparison.Ordinal);
}
