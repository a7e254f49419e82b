using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Sam;

/// <summary>
/// A project's AWS SAM <c>template.yaml</c>, resolved in a local account, so a local run uses exactly what deploys:
/// the same state machine definitions and substitutions, the same functions with Globals merged, the same parameters.
/// Everything is read and checked at <see cref="Load"/>; what cannot be resolved the way the stack would is an error.
/// </summary>
public sealed class SamTemplate
{
    private const string ServerlessTransform = "AWS::Serverless-2016-10-31";
    private const string ResourcesSection = "Resources";

    private readonly IntrinsicResolver _resolver;
    private readonly Lock _resolverGate = new();

    private SamTemplate(IntrinsicResolver resolver) => _resolver = resolver;

    /// <summary>The template's absolute path.</summary>
    public required string TemplatePath { get; init; }

    public required SamTemplateOptions Options { get; init; }

    /// <summary>Parameters by name, with the value the local stack uses.</summary>
    public required IReadOnlyDictionary<string, SamParameter> Parameters { get; init; }

    /// <summary>The Conditions section, evaluated.</summary>
    public required IReadOnlyDictionary<string, bool> Conditions { get; init; }

    /// <summary>The Globals section as written (e.g. <c>Globals["Function"]</c>); empty when absent.</summary>
    public required JsonObject Globals { get; init; }

    /// <summary>Every resource by logical id, in template order, including those whose condition is false.</summary>
    public required IReadOnlyDictionary<string, SamResource> Resources { get; init; }

    /// <summary>The created <c>AWS::Serverless::Function</c> resources by logical id.</summary>
    public required IReadOnlyDictionary<string, SamFunction> Functions { get; init; }

    /// <summary>The created <c>AWS::Serverless::StateMachine</c> resources by logical id.</summary>
    public required IReadOnlyDictionary<string, SamStateMachine> StateMachines { get; init; }

    /// <summary>
    /// Reads and resolves a SAM template. <paramref name="parameterOverrides"/> work as
    /// <c>sam deploy --parameter-overrides</c>; naming a parameter the template lacks is an error.
    /// </summary>
    /// <exception cref="SamTemplateException">The template is malformed or does not resolve locally; the message names file, line and path.</exception>
    public static SamTemplate Load(
        string templatePath,
        IReadOnlyDictionary<string, string>? parameterOverrides = null,
        SamTemplateOptions? options = null)
    {
        options ??= new SamTemplateOptions();
        var doc = SamDocument.Load(Path.GetFullPath(templatePath));
        var parameters = ParameterBinder.Bind(doc, parameterOverrides);
        var resources = ReadResources(doc);
        RequireServerlessTransform(doc, resources.Values);

        var resolver = new IntrinsicResolver(doc, options, parameters, resources);
        var conditions = resolver.EvaluateAllConditions();
        foreach (var resource in resources.Values.Where(r => r.Condition is not null))
        {
            resource.IsCreated = resolver.IsConditionTrue(resource.Condition!, new Scope($"Resources.{resource.LogicalId}.Condition", resource.Line));
        }

        var globals = doc.Section("Globals");
        var functionReader = new FunctionReader(doc, resolver, options, GlobalSection(doc, globals, "Function"));
        var stateMachineReader = new StateMachineReader(doc, resolver, options, GlobalSection(doc, globals, "StateMachine"));
        var functions = Created(resources, "AWS::Serverless::Function").ToDictionary(r => r.LogicalId, functionReader.Read, StringComparer.Ordinal);
        var stateMachines = Created(resources, "AWS::Serverless::StateMachine").ToDictionary(r => r.LogicalId, stateMachineReader.Read, StringComparer.Ordinal);
        RequireUniqueNames(doc, resources, functions.Values.Select(f => (f.LogicalId, f.FunctionName)), "function");
        RequireUniqueNames(doc, resources, stateMachines.Values.Select(s => (s.LogicalId, s.Name)), "state machine");

        return new SamTemplate(resolver)
        {
            TemplatePath = doc.FilePath,
            Options = options,
            Parameters = parameters,
            Conditions = conditions,
            Globals = globals,
            Resources = resources,
            Functions = functions,
            StateMachines = stateMachines,
        };
    }

    /// <summary>
    /// Resolves the intrinsic functions in a value taken from this template (e.g. a function's Events), in the local
    /// account. <paramref name="path"/> names the value in error messages.
    /// </summary>
    public JsonNode? Resolve(JsonNode? value, string path = "value")
    {
        lock (_resolverGate)
        {
            return _resolver.Resolve(value, _resolver.ScopeOf(path, value));
        }
    }

    private static Dictionary<string, SamResource> ReadResources(SamDocument doc)
    {
        if (doc.Root[ResourcesSection] is null)
        {
            throw new SamTemplateException(doc.FilePath, null, "the template has no Resources section");
        }

        var resources = new Dictionary<string, SamResource>(StringComparer.Ordinal);
        foreach (var (logicalId, node) in doc.Section(ResourcesSection))
        {
            var where = $"Resources.{logicalId}";
            if (node is not JsonObject declaration)
            {
                throw doc.Error(node, $"{where} must be a mapping");
            }

            var line = doc.Lines.LineOf(declaration);
            resources[logicalId] = new SamResource
            {
                LogicalId = logicalId,
                Type = JsonText.OfScalar(declaration["Type"]) ?? throw doc.Error(declaration, $"{where} has no Type"),
                Properties = declaration["Properties"] switch
                {
                    null => [],
                    JsonObject properties => properties,
                    var other => throw doc.Error(other, $"{where}.Properties must be a mapping", line),
                },
                Metadata = declaration["Metadata"] as JsonObject,
                Condition = declaration["Condition"] is { } condition
                    ? JsonText.OfScalar(condition) ?? throw doc.Error(condition, $"{where}.Condition must name a condition", line)
                    : null,
                Line = line,
            };
        }

        return resources;
    }

    // Without the transform CloudFormation refuses AWS::Serverless::* types; the local run must refuse them too.
    private static void RequireServerlessTransform(SamDocument doc, IEnumerable<SamResource> resources)
    {
        var serverless = resources.FirstOrDefault(r => r.Type.StartsWith("AWS::Serverless::", StringComparison.Ordinal));
        var transform = doc.Root["Transform"];
        var declared = transform is JsonArray list
            ? list.Any(t => JsonText.OfScalar(t) == ServerlessTransform)
            : JsonText.OfScalar(transform) == ServerlessTransform;
        if (serverless is not null && !declared)
        {
            throw new SamTemplateException(
                doc.FilePath, serverless.Line, $"Resources.{serverless.LogicalId} is {serverless.Type}, which needs 'Transform: {ServerlessTransform}'");
        }
    }

    private static JsonObject? GlobalSection(SamDocument doc, JsonObject globals, string name) => globals[name] switch
    {
        null => null,
        JsonObject section => section,
        var other => throw doc.Error(other, $"Globals.{name} must be a mapping"),
    };

    private static IEnumerable<SamResource> Created(Dictionary<string, SamResource> resources, string type) =>
        resources.Values.Where(r => r.Type == type && r.IsCreated);

    private static void RequireUniqueNames(
        SamDocument doc, Dictionary<string, SamResource> resources, IEnumerable<(string LogicalId, string Name)> named, string kind)
    {
        foreach (var clash in named.GroupBy(n => n.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var ids = clash.Select(n => n.LogicalId).ToList();
            throw new SamTemplateException(
                doc.FilePath, resources[ids[1]].Line, $"{kind} name '{clash.Key}' is used by {string.Join(" and ", ids)}; a stack cannot create both");
        }
    }
}
