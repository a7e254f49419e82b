using System.Text.Json.Serialization;
using Gdpr.Workflows.Erasure.Services;

namespace Gdpr.Workflows.Functions.Deadline;

// Source-generated: the function is published with Native AOT, where reflection-based JSON is unavailable.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RequestStatusView))]
internal sealed partial class DeadlineJsonContext : JsonSerializerContext;

// The extension's answer is `gdpr status --json`'s shape, whose nested objects leave null fields out.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(VerificationView))]
[JsonSerializable(typeof(OutcomeView))]
[JsonSerializable(typeof(IReadOnlyList<ExtensionView>))]
[JsonSerializable(typeof(IReadOnlyList<PauseView>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class ExtendedStatusJsonContext : JsonSerializerContext;
