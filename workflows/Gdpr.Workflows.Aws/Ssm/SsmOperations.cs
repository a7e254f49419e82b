namespace Gdpr.Workflows.Aws.Ssm;

// Member names are SSM's own (PascalCase on the wire).

public sealed record GetParametersByPathRequest
{
    /// <summary>The hierarchy, starting with <c>/</c>, e.g. <c>/gdpr-workflows/prod/systems</c>.</summary>
    public required string Path { get; init; }

    /// <summary>False: only the parameters directly under the path.</summary>
    public bool Recursive { get; init; }

    public bool WithDecryption { get; init; }

    /// <summary>1 to <see cref="SsmClient.MaxPageSize"/>; null for the service's default.</summary>
    public int? MaxResults { get; init; }

    public string? NextToken { get; init; }
}

public sealed record GetParametersByPathResult
{
    public IReadOnlyList<SsmParameter> Parameters { get; init; } = [];

    public string? NextToken { get; init; }
}

public sealed record SsmParameter
{
    public required string Name { get; init; }

    /// <summary><c>String</c>, <c>StringList</c> or <c>SecureString</c>.</summary>
    public string? Type { get; init; }

    public required string Value { get; init; }

    public long Version { get; init; }

    public string? ARN { get; init; }
}

internal sealed record GetParameterRequest(string Name, bool WithDecryption);

internal sealed record GetParameterResult
{
    public SsmParameter? Parameter { get; init; }
}

internal sealed record PutParameterRequest(string Name, string Value, string Type, bool Overwrite);

internal sealed record PutParameterResult
{
    public long Version { get; init; }
}

/// <summary>Codes of <see cref="AwsServiceException.ErrorCode"/> that callers branch on.</summary>
public static class SsmErrorCodes
{
    public const string ParameterNotFound = "ParameterNotFound";
}
