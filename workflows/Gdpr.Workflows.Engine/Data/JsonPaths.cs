using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Data;

/// <summary>
/// JSONPath as the Amazon States Language uses it: Paths (InputPath, OutputPath, ItemsPath, *Path
/// fields and <c>.$</c> values), Reference Paths (ResultPath, Choice Variable) and ResultPath merging.
/// A path starts with <c>$</c> (the input), <c>$$</c> (the context object) or <c>$name</c> (a variable).
/// </summary>
public static partial class JsonPaths
{
    // Implemented in JsonPaths.*.cs:
    //   static JsonNode? Select(string path, PathContext context)
    //       the value at path; throws AslRuntimeException(States.Runtime, AWS's message) when nothing matches.
    //       A path with wildcards, filters, slices or unions yields a JsonArray of the matches.
    //   static bool TrySelect(string path, PathContext context, out JsonNode? value)
    //       false when nothing matches (Choice IsPresent, Variable of a comparison).
    //   static JsonNode? ApplyResultPath(JsonNode? input, JsonNode? result, string? resultPath)
    //       null resultPath = keep input, discard result; "$" = result replaces input; otherwise a
    //       deep copy of input with the result set at that reference path (intermediate objects created).
    //       Throws AslRuntimeException(States.ResultPathMatchFailure, ...) as AWS does when it cannot.
    //   static string? ValidatePath(string path) / ValidateReferencePath(string path)
    //       null when valid, else a message for AslDefinitionException.
}
