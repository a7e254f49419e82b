using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data;

namespace Gdpr.Workflows.Engine.Tests.Data;

/// <summary>Shorthands for the data-layer tests: JSON literals, contexts and canonical text.</summary>
internal static class DataTestHelpers
{
    /// <summary>Parses JSON written with single quotes for readability (no test value needs a literal ').</summary>
    public static JsonNode? Json(string json) => CanonicalJson.Parse(json.Replace('\'', '"'));

    public static string Text(JsonNode? node) => CanonicalJson.Serialize(node);

    public static PathContext Context(
        string input = "{}",
        string? contextObject = null,
        IReadOnlyDictionary<string, string>? variables = null,
        Random? random = null) =>
        new(
            Json(input),
            contextObject is null ? null : Json(contextObject),
            name => variables is not null && variables.TryGetValue(name, out var value) ? (true, Json(value)) : (false, null),
            random);

    /// <summary>A context object shaped like AWS's for a Standard execution.</summary>
    public const string SampleContextObject = """
        {
          'Execution': {
            'Id': 'arn:aws:states:us-east-1:123456789012:execution:Erasure:run-1',
            'Input': {'input-value': 0},
            'Name': 'run-1',
            'RoleArn': 'arn:aws:iam::123456789012:role/sfn',
            'StartTime': '2024-01-02T03:04:05.678Z',
            'RedriveCount': 0
          },
          'StateMachine': {'Id': 'arn:aws:states:us-east-1:123456789012:stateMachine:Erasure', 'Name': 'Erasure'},
          'State': {'Name': 'TestState', 'EnteredTime': '2024-01-02T03:04:05.789Z'}
        }
        """;
}
