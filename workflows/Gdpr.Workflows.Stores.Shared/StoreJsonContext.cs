using System.Text.Json.Serialization;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Stores;

// Source-generated, so the stores stay trim and Native AOT clean (the DynamoDB adapter runs in the Lambda functions).
// Request documents: camelCase, enums by name, nulls omitted; RequestDocument drops computed properties on top.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ErasureRequest))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
