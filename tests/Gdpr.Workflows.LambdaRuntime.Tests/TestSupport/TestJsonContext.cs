using System.Text.Json.Serialization;

namespace Gdpr.Workflows.LambdaRuntime.Tests.TestSupport;

public sealed record Greeting(string Name);

public sealed record GreetingReply(string Message);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Greeting))]
[JsonSerializable(typeof(GreetingReply))]
public sealed partial class TestJsonContext : JsonSerializerContext;
