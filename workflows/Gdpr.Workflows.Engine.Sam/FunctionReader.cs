using System.Globalization;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Sam;

/// <summary>Builds <see cref="SamFunction"/> from a resource: Globals merged, the properties a local run needs resolved.</summary>
internal sealed class FunctionReader(SamDocument doc, IntrinsicResolver resolver, SamTemplateOptions options, JsonObject? globals)
{
    private const int DefaultTimeout = 3;
    private const int DefaultMemorySize = 128;

    public SamFunction Read(SamResource resource)
    {
        var properties = GlobalsMerger.Merge(globals, resource.Properties, doc.Lines);
        var name = resolver.PhysicalName(resource);
        var handler = Text(resource, properties, "Handler");
        var runtime = Text(resource, properties, "Runtime");
        var codeUri = resolver.Resolve(properties["CodeUri"], ScopeOf(resource, properties, "CodeUri")) as JsonValue;
        var codeUriText = JsonText.OfScalar(codeUri);
        var codeDirectory = codeUriText is null || codeUriText.StartsWith("s3://", StringComparison.Ordinal)
            ? null
            : Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(doc.FilePath)!, codeUriText)));

        return new SamFunction
        {
            LogicalId = resource.LogicalId,
            FunctionName = name,
            Arn = LocalResourceIdentities.FunctionArn(name, options),
            Handler = handler,
            Runtime = runtime,
            CodeUri = codeUriText,
            CodeDirectory = codeDirectory,
            Timeout = Integer(resource, properties, "Timeout") ?? DefaultTimeout,
            MemorySize = Integer(resource, properties, "MemorySize") ?? DefaultMemorySize,
            Environment = Environment(resource, properties),
            LocalHandler = LocalHandler(resource, handler, runtime, codeDirectory),
            Properties = properties,
            Metadata = resource.Metadata,
            Events = properties["Events"],
            Policies = properties["Policies"],
        };
    }

    private string? LocalHandler(SamResource resource, string? handler, string? runtime, string? codeDirectory)
    {
        var declared = resource.Metadata?["LocalHandler"];
        if (declared is not null)
        {
            return JsonText.OfScalar(declared) ?? throw doc.Error(declared, $"Resources.{resource.LogicalId}.Metadata.LocalHandler must be a string");
        }

        var customRuntime = runtime?.StartsWith("provided", StringComparison.Ordinal) == true || handler == "bootstrap";
        if (!customRuntime)
        {
            return handler;
        }

        var folder = codeDirectory is null ? null : Path.GetFileName(codeDirectory);
        return string.IsNullOrEmpty(folder) || folder.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? null : folder;
    }

    private Dictionary<string, string> Environment(SamResource resource, JsonObject properties)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var scope = ScopeOf(resource, properties, "Environment");
        var environment = resolver.Resolve(properties["Environment"], scope);
        if (environment is null)
        {
            return variables;
        }

        if (environment is not JsonObject { } environmentMap || environmentMap["Variables"] is not (null or JsonObject))
        {
            throw doc.Error(null, $"{scope.Path} must be a mapping with a Variables mapping", scope.Line);
        }

        foreach (var (key, value) in environmentMap["Variables"]?.AsObject() ?? [])
        {
            variables[key] = JsonText.OfScalar(value)
                ?? throw doc.Error(null, $"{scope.Path}.Variables.{key} must be a string, not {JsonText.Describe(value)}", scope.Line);
        }

        return variables;
    }

    private string? Text(SamResource resource, JsonObject properties, string property) =>
        resolver.ResolveText(properties[property], ScopeOf(resource, properties, property));

    private int? Integer(SamResource resource, JsonObject properties, string property)
    {
        var scope = ScopeOf(resource, properties, property);
        var text = resolver.ResolveText(properties[property], scope);
        return text is null ? null
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
            : throw doc.Error(null, $"{scope.Path} must be a whole number, not '{text}'", scope.Line);
    }

    private Scope ScopeOf(SamResource resource, JsonObject properties, string property) =>
        resolver.ScopeOf($"Resources.{resource.LogicalId}.Properties.{property}", properties[property], resource.Line);
}
