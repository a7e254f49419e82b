using System.Text.Json.Serialization;
using Gdpr.Workflows.Erasure.Services;

namespace Gdpr.Workflows.Functions.Retry;

// Source-generated: the function is published with Native AOT, where reflection-based JSON is unavailable.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RequestStatusView))]
internal sealed partial class RetryJsonContext : JsonSerializerContext;
