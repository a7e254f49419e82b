using System.Text.Json.Serialization;

namespace Gdpr.Workflows.Aws.Kms;

// Source-generated so the client stays trim and Native AOT clean. KMS's members are PascalCase, as the records'.
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(KmsEncryptRequest))]
[JsonSerializable(typeof(KmsEncryptResult))]
[JsonSerializable(typeof(KmsDecryptRequest))]
[JsonSerializable(typeof(KmsDecryptResult))]
[JsonSerializable(typeof(KmsGenerateMacRequest))]
[JsonSerializable(typeof(KmsGenerateMacResult))]
[JsonSerializable(typeof(KmsCreateKeyRequest))]
[JsonSerializable(typeof(KmsCreateKeyResult))]
[JsonSerializable(typeof(KmsCreateAliasRequest))]
internal sealed partial class KmsJsonContext : JsonSerializerContext;
