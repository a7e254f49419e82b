namespace Gdpr.Workflows.Aws.SecretsManager;

// Member names are Secrets Manager's own (PascalCase on the wire). Dates (CreatedDate, epoch seconds) are not read.

public sealed record SecretValue
{
    public required string ARN { get; init; }

    public required string Name { get; init; }

    /// <summary>The secret's text; null for a binary secret (<see cref="SecretBinary"/>).</summary>
    public string? SecretString { get; init; }

    public byte[]? SecretBinary { get; init; }

    public string? VersionId { get; init; }
}

internal sealed record GetSecretValueRequest(string SecretId);

internal sealed record CreateSecretRequest(string Name, string SecretString);

internal sealed record CreateSecretResult
{
    public required string ARN { get; init; }

    public string? Name { get; init; }
}

/// <summary>Codes of <see cref="AwsServiceException.ErrorCode"/> that callers branch on.</summary>
public static class SecretsManagerErrorCodes
{
    public const string ResourceNotFound = "ResourceNotFoundException";
    public const string DecryptionFailure = "DecryptionFailure";
}
