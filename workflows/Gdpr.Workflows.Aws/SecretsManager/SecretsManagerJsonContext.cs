using System.Text.Json.Serialization;

namespace Gdpr.Workflows.Aws.SecretsManager;

// Source-generated so the client stays trim and Native AOT clean.
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GetSecretValueRequest))]
[JsonSerializable(typeof(SecretValue))]
[JsonSerializable(typeof(CreateSecretRequest))]
[JsonSerializable(typeof(CreateSecretResult))]
internal sealed partial class SecretsManagerJsonContext : JsonSerializerContext;
