using System.Text.Json.Serialization;

namespace Gdpr.Workflows.Aws.Ssm;

// Source-generated so the client stays trim and Native AOT clean. SSM's members are PascalCase, as the records'.
// Dates (LastModifiedDate, epoch seconds) are not read, so unknown members are skipped.
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GetParameterRequest))]
[JsonSerializable(typeof(GetParameterResult))]
[JsonSerializable(typeof(GetParametersByPathRequest))]
[JsonSerializable(typeof(GetParametersByPathResult))]
[JsonSerializable(typeof(PutParameterRequest))]
[JsonSerializable(typeof(PutParameterResult))]
internal sealed partial class SsmJsonContext : JsonSerializerContext;
