using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Execution;

namespace Gdpr.Workflows.Engine.Sam;

/// <summary>
/// Builds <see cref="SamStateMachine"/>: reads the definition (a DefinitionUri file relative to the template, JSON or
/// YAML, or an inline Definition), applies DefinitionSubstitutions and checks the result is a JSON object.
/// </summary>
internal sealed class StateMachineReader(SamDocument doc, IntrinsicResolver resolver, SamTemplateOptions options, JsonObject? globals)
{
    // Relaxed escaping keeps the definition readable ('+', '<', non-ASCII stay as written); the JSON is the same.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public SamStateMachine Read(SamResource resource)
    {
        var properties = GlobalsMerger.Merge(globals, resource.Properties, doc.Lines);
        var name = resolver.PhysicalName(resource);
        var type = Type(resource, properties);
        var substitutions = Substitutions(resource, properties);
        var (definition, definitionPath, isYaml, line) = ReadDefinition(resource, properties);

        var substituted = DefinitionSubstitution.Apply(definition, substitutions);
        if (substituted.Missing.Count > 0)
        {
            var message = $"Resources.{resource.LogicalId}: the definition has placeholders without a DefinitionSubstitutions entry: " +
                DefinitionSubstitution.Describe(substituted.Missing);
            throw definitionPath is null
                ? new SamTemplateException(doc.FilePath, line, message)
                : new SamTemplateException(definitionPath, substituted.Missing[0].Line, message);
        }

        return new SamStateMachine
        {
            LogicalId = resource.LogicalId,
            Name = name,
            Arn = LocalResourceIdentities.StateMachineArn(name, options),
            Type = type,
            DefinitionJson = CheckedJson(resource, substituted.Text, definitionPath ?? doc.FilePath, isYaml, line),
            DefinitionPath = definitionPath,
            DefinitionSubstitutions = substitutions,
            Warnings = substituted.Unused
                .Select(unused => $"Resources.{resource.LogicalId}: DefinitionSubstitutions '{unused}' is not used by the definition")
                .ToList(),
            Properties = properties,
            Events = properties["Events"],
            Policies = properties["Policies"],
        };
    }

    private (string Text, string? Path, bool IsYaml, int? Line) ReadDefinition(SamResource resource, JsonObject properties)
    {
        var where = $"Resources.{resource.LogicalId}.Properties";
        var inline = properties["Definition"];
        var uri = properties["DefinitionUri"];
        if (inline is not null && uri is not null)
        {
            throw doc.Error(uri, $"{where}: set Definition or DefinitionUri, not both", resource.Line);
        }

        if (inline is not null)
        {
            var scope = resolver.ScopeOf($"{where}.Definition", inline, resource.Line);
            var resolved = resolver.Resolve(inline, scope) as JsonObject
                ?? throw doc.Error(inline, $"{where}.Definition must be a mapping", resource.Line);
            return (resolved.ToJsonString(Indented), null, false, scope.Line);
        }

        if (uri is null)
        {
            throw doc.Error(null, $"{where}: a state machine needs Definition or DefinitionUri", resource.Line);
        }

        var uriScope = resolver.ScopeOf($"{where}.DefinitionUri", uri, resource.Line);
        var location = resolver.Resolve(uri, uriScope);
        if (JsonText.OfScalar(location) is not { } relativePath || relativePath.StartsWith("s3://", StringComparison.Ordinal))
        {
            throw doc.Error(uri, $"{where}.DefinitionUri must be a local file path; an S3 location cannot be read locally", resource.Line);
        }

        var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(doc.FilePath)!, relativePath));
        try
        {
            var isYaml = path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
            return (File.ReadAllText(path), path, isYaml, uriScope.Line);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SamTemplateException(doc.FilePath, uriScope.Line, $"{where}.DefinitionUri: cannot read '{path}': {e.Message}", e);
        }
    }

    private Dictionary<string, string> Substitutions(SamResource resource, JsonObject properties)
    {
        var node = properties["DefinitionSubstitutions"];
        var scope = resolver.ScopeOf($"Resources.{resource.LogicalId}.Properties.DefinitionSubstitutions", node, resource.Line);
        var resolved = resolver.Resolve(node, scope);
        if (resolved is not (null or JsonObject))
        {
            throw doc.Error(node, $"{scope.Path} must be a mapping", scope.Line);
        }

        var substitutions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in resolved?.AsObject() ?? [])
        {
            substitutions[key] = JsonText.OfScalar(value)
                ?? throw doc.Error((node as JsonObject)?[key], $"{scope.Path}.{key} must be a string, number or boolean, not {JsonText.Describe(value)}", scope.Line);
        }

        return substitutions;
    }

    private StateMachineType Type(SamResource resource, JsonObject properties)
    {
        var scope = resolver.ScopeOf($"Resources.{resource.LogicalId}.Properties.Type", properties["Type"], resource.Line);
        return resolver.ResolveText(properties["Type"], scope) switch
        {
            null or "STANDARD" => StateMachineType.Standard,
            "EXPRESS" => StateMachineType.Express,
            var other => throw doc.Error(null, $"{scope.Path} must be STANDARD or EXPRESS, not '{other}'", scope.Line),
        };
    }

    private string CheckedJson(SamResource resource, string text, string path, bool isYaml, int? line)
    {
        var what = $"the definition of Resources.{resource.LogicalId}";
        if (isYaml)
        {
            var (root, _) = SamYaml.Parse(text, path);
            return root is JsonObject definition
                ? definition.ToJsonString(Indented)
                : throw new SamTemplateException(path, null, $"{what} must be a mapping");
        }

        try
        {
            return JsonNode.Parse(text) is JsonObject
                ? text
                : throw new SamTemplateException(path, line, $"{what} must be a JSON object");
        }
        catch (JsonException e)
        {
            // After substitution; a substituted value holding a quote or a newline breaks the JSON here, as it would at deploy.
            var errorLine = path == doc.FilePath ? line : (int?)(e.LineNumber + 1);
            throw new SamTemplateException(path, errorLine, $"{what} is not valid JSON after substitution: {e.Message}", e);
        }
    }
}
