using System.Text.Json.Serialization;

namespace Gdpr.Workflows.Erasure.Ports;

/// <summary>The in-memory stores' page tokens as JSON, source-generated: the AOT functions link this assembly.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class PageTokenJsonContext : JsonSerializerContext;
