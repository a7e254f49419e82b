using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Sam;

/// <summary>Where a value sits in the template, for error messages: a property path and the nearest known line.</summary>
internal readonly record struct Scope(string Path, int? Line);

/// <summary>
/// Evaluates CloudFormation intrinsic functions (long form) in the local account: Ref, Fn::GetAtt, Fn::Sub, Fn::Join,
/// Fn::Select, Fn::Split, Fn::If, the condition functions, Fn::FindInMap, Fn::ImportValue, Fn::Base64, Fn::GetAZs.
/// Anything it cannot answer the way the deployed stack would is an error naming the path and line, never a guess.
/// Not thread-safe (it caches names and conditions); <see cref="SamTemplate"/> serializes access.
/// </summary>
internal sealed partial class IntrinsicResolver
{
    // Returned for !Ref AWS::NoValue and removed from the enclosing object or list; compared by identity, never attached.
    private static readonly JsonValue NoValue = JsonValue.Create("AWS::NoValue");

    private readonly SamDocument _doc;
    private readonly SamTemplateOptions _options;
    private readonly IReadOnlyDictionary<string, SamParameter> _parameters;
    private readonly IReadOnlyDictionary<string, SamResource> _resources;
    private readonly JsonObject _mappings;
    private readonly JsonObject _conditions;
    private readonly Dictionary<string, bool> _conditionValues = new(StringComparer.Ordinal);
    private readonly HashSet<string> _conditionsInProgress = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _physicalNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _namesInProgress = new(StringComparer.Ordinal);

    public IntrinsicResolver(
        SamDocument doc,
        SamTemplateOptions options,
        IReadOnlyDictionary<string, SamParameter> parameters,
        IReadOnlyDictionary<string, SamResource> resources)
    {
        _doc = doc;
        _options = options;
        _parameters = parameters;
        _resources = resources;
        _mappings = doc.Section("Mappings");
        _conditions = doc.Section("Conditions");
    }

    public Scope ScopeOf(string path, JsonNode? node, int? fallbackLine = null) => new(path, _doc.Lines.LineOf(node) ?? fallbackLine);

    /// <summary>A resolved copy of <paramref name="node"/>; null also when it resolved to AWS::NoValue.</summary>
    public JsonNode? Resolve(JsonNode? node, Scope scope)
    {
        var resolved = ResolveNode(node, scope);
        return ReferenceEquals(resolved, NoValue) ? null : resolved;
    }

    /// <summary>The resolved value as text; null when absent or AWS::NoValue; an error for a mapping or list.</summary>
    public string? ResolveText(JsonNode? node, Scope scope)
    {
        var resolved = Resolve(node, scope);
        return resolved is null ? null : JsonText.OfScalar(resolved) ?? throw Fail(scope, $"expected a scalar, found {JsonText.Describe(resolved)}");
    }

    /// <summary>The physical name of a resource of a supported type: its name property, else a generated one.</summary>
    public string PhysicalName(SamResource resource)
    {
        if (_physicalNames.TryGetValue(resource.LogicalId, out var known))
        {
            return known;
        }

        if (!_namesInProgress.Add(resource.LogicalId))
        {
            throw new SamTemplateException(_doc.FilePath, resource.Line, $"Resources.{resource.LogicalId}: its name depends on itself");
        }

        try
        {
            var property = LocalResourceIdentities.NameProperty(resource.Type);
            var node = resource.Properties[property];
            var name = ResolveText(node, ScopeOf($"Resources.{resource.LogicalId}.Properties.{property}", node, resource.Line))
                ?? LocalResourceIdentities.GeneratedName(resource, _options);
            _physicalNames[resource.LogicalId] = name;
            return name;
        }
        finally
        {
            _namesInProgress.Remove(resource.LogicalId);
        }
    }

    private JsonNode? ResolveNode(JsonNode? node, Scope scope)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj when TryGetIntrinsic(obj, out var function, out var argument):
                return Evaluate(function, argument, scope);
            case JsonObject obj:
                var resolvedObject = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    var resolved = ResolveNode(value, Child(scope, $".{key}", value));
                    if (!ReferenceEquals(resolved, NoValue))
                    {
                        resolvedObject[key] = resolved;
                    }
                }

                return resolvedObject;
            case JsonArray array:
                var resolvedArray = new JsonArray();
                for (var i = 0; i < array.Count; i++)
                {
                    var resolved = ResolveNode(array[i], Child(scope, $"[{i}]", array[i]));
                    if (!ReferenceEquals(resolved, NoValue))
                    {
                        resolvedArray.Add(resolved);
                    }
                }

                return resolvedArray;
            default:
                return node.DeepClone();
        }
    }

    private static bool TryGetIntrinsic(JsonObject obj, out string function, out JsonNode? argument)
    {
        if (obj.Count == 1)
        {
            var (key, value) = obj.First();
            if (key == "Ref" || key.StartsWith("Fn::", StringComparison.Ordinal))
            {
                function = key;
                argument = value;
                return true;
            }
        }

        function = string.Empty;
        argument = null;
        return false;
    }

    private JsonNode? Evaluate(string function, JsonNode? argument, Scope scope) => function switch
    {
        "Ref" => Ref(Literal(argument, "Ref", scope), scope),
        "Fn::GetAtt" => JsonValue.Create(GetAtt(argument, scope)),
        "Fn::Sub" => JsonValue.Create(Sub(argument, scope)),
        "Fn::Join" => JsonValue.Create(Join(argument, scope)),
        "Fn::Select" => Select(argument, scope),
        "Fn::Split" => Split(argument, scope),
        "Fn::If" => If(argument, scope),
        "Fn::Equals" or "Fn::And" or "Fn::Or" or "Fn::Not" => JsonValue.Create(EvaluateConditionFunction(function, argument, scope)),
        "Fn::FindInMap" => FindInMap(argument, scope),
        "Fn::ImportValue" => JsonValue.Create(ImportValue(argument, scope)),
        "Fn::Base64" => JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(RequiredText(argument, "Fn::Base64", scope)))),
        "Fn::GetAZs" => GetAZs(argument, scope),
        _ => throw Fail(scope, $"{function} is not supported by the local engine"),
    };

    private JsonNode? Ref(string name, Scope scope)
    {
        if (name.StartsWith("AWS::", StringComparison.Ordinal))
        {
            return PseudoParameter(name, scope);
        }

        if (_parameters.TryGetValue(name, out var parameter))
        {
            return ParameterValue(parameter, scope);
        }

        if (_resources.TryGetValue(name, out var resource))
        {
            RequireCreated(resource, $"!Ref '{name}'", scope);
            if (!LocalResourceIdentities.IsSupported(resource.Type))
            {
                throw Fail(scope, $"!Ref '{name}': resource '{name}' of type {resource.Type} is not supported by the local engine");
            }

            return JsonValue.Create(LocalResourceIdentities.Ref(resource.Type, PhysicalName(resource), _options));
        }

        throw Fail(scope, $"!Ref '{name}' names no parameter, resource or pseudo parameter");
    }

    private JsonNode? PseudoParameter(string name, Scope scope) => name switch
    {
        "AWS::Region" => JsonValue.Create(_options.Region),
        "AWS::AccountId" => JsonValue.Create(_options.AccountId),
        "AWS::Partition" => JsonValue.Create(_options.Partition),
        "AWS::StackName" => JsonValue.Create(_options.StackName),
        "AWS::URLSuffix" => JsonValue.Create(_options.UrlSuffix),
        "AWS::StackId" => JsonValue.Create(
            $"arn:{_options.Partition}:cloudformation:{_options.Region}:{_options.AccountId}:stack/{_options.StackName}/00000000-0000-0000-0000-000000000000"),
        "AWS::NotificationARNs" => new JsonArray(),
        "AWS::NoValue" => NoValue,
        _ => throw Fail(scope, $"!Ref '{name}' is not a pseudo parameter"),
    };

    private JsonNode ParameterValue(SamParameter parameter, Scope scope)
    {
        if (parameter.Value is null)
        {
            throw Fail(scope, $"parameter '{parameter.Name}' is of type {parameter.Type}, read from SSM at deploy; pass its value in the parameter overrides");
        }

        return parameter.IsList
            ? new JsonArray(parameter.Value.Split(',').Select(item => (JsonNode?)JsonValue.Create(item.Trim())).ToArray())
            : JsonValue.Create(parameter.Value);
    }

    private string GetAtt(JsonNode? argument, Scope scope)
    {
        string logicalId;
        string attribute;
        if (argument is JsonArray { Count: 2 } pair)
        {
            logicalId = Literal(pair[0], "Fn::GetAtt", scope);
            attribute = RequiredText(pair[1], "Fn::GetAtt", scope);
        }
        else if (JsonText.OfScalar(argument) is { } dotted && dotted.IndexOf('.', StringComparison.Ordinal) is var dot and > 0)
        {
            logicalId = dotted[..dot];
            attribute = dotted[(dot + 1)..];
        }
        else
        {
            throw Fail(scope, $"Fn::GetAtt takes [LogicalId, Attribute] or 'LogicalId.Attribute', not {JsonText.Describe(argument)}");
        }

        return GetAtt(logicalId, attribute, scope);
    }

    private string GetAtt(string logicalId, string attribute, Scope scope)
    {
        var what = $"!GetAtt '{logicalId}.{attribute}'";
        if (!_resources.TryGetValue(logicalId, out var resource))
        {
            throw Fail(scope, $"{what} names no resource");
        }

        RequireCreated(resource, what, scope);
        if (!LocalResourceIdentities.IsSupported(resource.Type))
        {
            throw Fail(scope, $"{what}: resource '{logicalId}' of type {resource.Type} is not supported by the local engine");
        }

        return LocalResourceIdentities.GetAtt(resource.Type, attribute, PhysicalName(resource), _options)
            ?? throw Fail(scope, $"{what}: attribute '{attribute}' of {resource.Type} '{logicalId}' is not supported by the local engine " +
                $"(supported: {string.Join(", ", LocalResourceIdentities.Attributes(resource.Type))})");
    }

    private void RequireCreated(SamResource resource, string what, Scope scope)
    {
        if (!resource.IsCreated)
        {
            throw Fail(scope, $"{what}: resource '{resource.LogicalId}' is not created (its condition '{resource.Condition}' is false)");
        }
    }

    private string Join(JsonNode? argument, Scope scope)
    {
        var (delimiterNode, listNode) = Pair(argument, "Fn::Join", "[delimiter, [values]]", scope);
        var delimiter = RequiredText(delimiterNode, "Fn::Join delimiter", scope);
        var items = ResolveList(listNode, "Fn::Join", scope)
            .Select(item => JsonText.OfScalar(item) ?? throw Fail(scope, $"Fn::Join cannot join {JsonText.Describe(item)}"));
        return string.Join(delimiter, items);
    }

    private JsonNode? Select(JsonNode? argument, Scope scope)
    {
        var (indexNode, listNode) = Pair(argument, "Fn::Select", "[index, [values]]", scope);
        var indexText = RequiredText(indexNode, "Fn::Select index", scope);
        var list = ResolveList(listNode, "Fn::Select", scope);
        if (!int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= list.Count)
        {
            throw Fail(scope, $"Fn::Select index '{indexText}' is not within the {list.Count} values");
        }

        return list[index]?.DeepClone();
    }

    private JsonArray Split(JsonNode? argument, Scope scope)
    {
        var (delimiterNode, sourceNode) = Pair(argument, "Fn::Split", "[delimiter, string]", scope);
        var delimiter = RequiredText(delimiterNode, "Fn::Split delimiter", scope);
        var source = RequiredText(sourceNode, "Fn::Split source", scope);
        if (delimiter.Length == 0)
        {
            throw Fail(scope, "Fn::Split needs a non-empty delimiter");
        }

        return new JsonArray(source.Split(delimiter).Select(part => (JsonNode?)JsonValue.Create(part)).ToArray());
    }

    private JsonNode? FindInMap(JsonNode? argument, Scope scope)
    {
        if (argument is not JsonArray { Count: 3 } keys)
        {
            throw Fail(scope, $"Fn::FindInMap takes [MapName, TopLevelKey, SecondLevelKey], not {JsonText.Describe(argument)}");
        }

        var mapName = RequiredText(keys[0], "Fn::FindInMap map name", scope);
        var topKey = RequiredText(keys[1], "Fn::FindInMap top-level key", scope);
        var secondKey = RequiredText(keys[2], "Fn::FindInMap second-level key", scope);
        if (_mappings[mapName] is not JsonObject map)
        {
            throw Fail(scope, $"Fn::FindInMap: no mapping '{mapName}' in Mappings");
        }

        if (map[topKey] is not JsonObject level || !level.TryGetPropertyValue(secondKey, out var value))
        {
            throw Fail(scope, $"Fn::FindInMap: mapping '{mapName}' has no '{topKey}' → '{secondKey}'");
        }

        return Resolve(value, scope);
    }

    private string ImportValue(JsonNode? argument, Scope scope)
    {
        var exportName = RequiredText(argument, "Fn::ImportValue", scope);
        return _options.ImportValues.TryGetValue(exportName, out var value)
            ? value
            : throw Fail(scope, $"Fn::ImportValue '{exportName}': no such export in SamTemplateOptions.ImportValues");
    }

    private JsonArray GetAZs(JsonNode? argument, Scope scope)
    {
        var region = ResolveText(argument, scope);
        region = string.IsNullOrEmpty(region) ? _options.Region : region;

        // The local account has three zones per region, named as AWS names them.
        return [$"{region}a", $"{region}b", $"{region}c"];
    }

    private (JsonNode? First, JsonNode? Second) Pair(JsonNode? argument, string function, string shape, Scope scope) =>
        argument is JsonArray { Count: 2 } pair
            ? (pair[0], pair[1])
            : throw Fail(scope, $"{function} takes {shape}, not {JsonText.Describe(argument)}");

    private JsonArray ResolveList(JsonNode? node, string function, Scope scope) =>
        Resolve(node, scope) as JsonArray ?? throw Fail(scope, $"{function} needs a list of values");

    private string RequiredText(JsonNode? node, string what, Scope scope) =>
        ResolveText(node, scope) ?? throw Fail(scope, $"{what} needs a value");

    // Ref, Fn::If and the logical id of Fn::GetAtt take a literal name, not a function.
    private string Literal(JsonNode? node, string function, Scope scope) =>
        node is JsonValue && JsonText.OfScalar(node) is { } text
            ? text
            : throw Fail(scope, $"{function} takes a literal name, not {JsonText.Describe(node)}");

    private Scope Child(Scope scope, string suffix, JsonNode? node) =>
        new(scope.Path + suffix, _doc.Lines.LineOf(node) ?? scope.Line);

    private SamTemplateException Fail(Scope scope, string message) => new(_doc.FilePath, scope.Line, $"{scope.Path}: {message}");
}
