using System.Text.Json.Serialization;
using Gdpr.Workflows.Functions.Status.HttpApi;

namespace Gdpr.Workflows.Functions.Status;

// Source-generated: the function is published with Native AOT, where reflection-based JSON is unavailable.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HttpApiRequest))]
[JsonSerializable(typeof(HttpApiResponse))]
[JsonSerializable(typeof(StatusError))]
internal sealed partial class StatusJsonContext : JsonSerializerContext;
