using System.Text.Json.Serialization;

namespace Gdpr.Workflows.LambdaRuntime.RuntimeApi;

// Source-generated so the runtime stays trim and Native AOT clean.
[JsonSerializable(typeof(LambdaError))]
internal sealed partial class LambdaRuntimeJsonContext : JsonSerializerContext;
