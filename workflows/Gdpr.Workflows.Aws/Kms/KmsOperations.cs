namespace Gdpr.Workflows.Aws.Kms;

// Member names are KMS's own (PascalCase on the wire); byte arrays travel as base64, as the API's blobs do.

public sealed record KmsEncryptRequest
{
    /// <summary>Key id, key ARN, alias name (<c>alias/...</c>) or alias ARN.</summary>
    public required string KeyId { get; init; }

    public required byte[] Plaintext { get; init; }

    public IReadOnlyDictionary<string, string>? EncryptionContext { get; init; }
}

public sealed record KmsEncryptResult
{
    public required byte[] CiphertextBlob { get; init; }

    /// <summary>The ARN of the key that encrypted.</summary>
    public required string KeyId { get; init; }

    public string? EncryptionAlgorithm { get; init; }
}

public sealed record KmsDecryptRequest
{
    public required byte[] CiphertextBlob { get; init; }

    public IReadOnlyDictionary<string, string>? EncryptionContext { get; init; }

    /// <summary>Optional for symmetric keys; when given, KMS refuses a ciphertext of any other key.</summary>
    public string? KeyId { get; init; }
}

public sealed record KmsDecryptResult
{
    public required byte[] Plaintext { get; init; }

    public required string KeyId { get; init; }

    public string? EncryptionAlgorithm { get; init; }
}

public sealed record KmsGenerateMacRequest
{
    public required string KeyId { get; init; }

    public required byte[] Message { get; init; }

    /// <summary><c>HMAC_SHA_224</c>, <c>HMAC_SHA_256</c>, <c>HMAC_SHA_384</c> or <c>HMAC_SHA_512</c>; the key's spec must support it.</summary>
    public required string MacAlgorithm { get; init; }
}

public sealed record KmsGenerateMacResult
{
    public required byte[] Mac { get; init; }

    public string? MacAlgorithm { get; init; }

    public string? KeyId { get; init; }
}

public sealed record KmsCreateKeyRequest
{
    /// <summary><c>SYMMETRIC_DEFAULT</c> (null) or e.g. <c>HMAC_256</c>.</summary>
    public string? KeySpec { get; init; }

    /// <summary><c>ENCRYPT_DECRYPT</c> (null) or <c>GENERATE_VERIFY_MAC</c> for HMAC keys.</summary>
    public string? KeyUsage { get; init; }

    public string? Description { get; init; }
}

public sealed record KmsKeyMetadata
{
    public required string KeyId { get; init; }

    public required string Arn { get; init; }
}

internal sealed record KmsCreateKeyResult
{
    public required KmsKeyMetadata KeyMetadata { get; init; }
}

internal sealed record KmsCreateAliasRequest(string AliasName, string TargetKeyId);

/// <summary>Codes of <see cref="AwsServiceException.ErrorCode"/> that callers branch on.</summary>
public static class KmsErrorCodes
{
    public const string InvalidCiphertext = "InvalidCiphertextException";
    public const string IncorrectKey = "IncorrectKeyException";
    public const string NotFound = "NotFoundException";
    public const string Disabled = "DisabledException";
    public const string KeyUnavailable = "KeyUnavailableException";
    public const string InvalidKeyUsage = "InvalidKeyUsageException";
}
