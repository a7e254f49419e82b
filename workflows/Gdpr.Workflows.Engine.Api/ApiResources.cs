using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Api;

/// <summary>What the API keeps about a state machine beyond what the engine runs: role, revision, deletion.</summary>
public sealed record StateMachineAttributes(
    string RoleArn,
    DateTimeOffset CreationDate,
    DateTimeOffset? UpdateDate,
    bool Deleted,
    JsonObject? LoggingConfiguration,
    JsonObject? TracingConfiguration);

/// <summary>
/// The API's own resource data — state machine attributes and tags — in memory, and in a JSON file when given one
/// (rewritten whole through a temporary file and a rename, so a crash leaves the old or the new file).
/// The engine's store keeps definitions and executions; this holds only what the engine has no use for.
/// </summary>
public sealed class ApiResources
{
    private readonly Lock gate = new();
    private readonly string? path;
    private readonly Dictionary<string, StateMachineAttributes> machines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<string, string>> tags = new(StringComparer.Ordinal);

    private ApiResources(string? path) => this.path = path;

    public static ApiResources InMemory() => new(null);

    public static ApiResources Load(string path)
    {
        var resources = new ApiResources(path);
        if (File.Exists(path) && JsonNode.Parse(File.ReadAllText(path)) is JsonObject root)
        {
            foreach (var (arn, node) in root["stateMachines"]?.AsObject() ?? [])
            {
                var m = node!.AsObject();
                resources.machines[arn] = new StateMachineAttributes(
                    m["roleArn"]!.GetValue<string>(),
                    DateTimeOffset.Parse(m["creationDate"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
                    m["updateDate"] is { } u ? DateTimeOffset.Parse(u.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) : null,
                    m["deleted"]?.GetValue<bool>() ?? false,
                    m["loggingConfiguration"]?.DeepClone() as JsonObject,
                    m["tracingConfiguration"]?.DeepClone() as JsonObject);
            }

            foreach (var (arn, node) in root["tags"]?.AsObject() ?? [])
            {
                resources.tags[arn] = new SortedDictionary<string, string>(
                    node!.AsObject().ToDictionary(t => t.Key, t => t.Value!.GetValue<string>()), StringComparer.Ordinal);
            }
        }

        return resources;
    }

    public StateMachineAttributes? Get(string stateMachineArn)
    {
        lock (gate)
        {
            return machines.GetValueOrDefault(stateMachineArn);
        }
    }

    public void Set(string stateMachineArn, StateMachineAttributes attributes)
    {
        lock (gate)
        {
            machines[stateMachineArn] = attributes;
            Save();
        }
    }

    public IReadOnlyList<KeyValuePair<string, string>> Tags(string resourceArn)
    {
        lock (gate)
        {
            return tags.TryGetValue(resourceArn, out var set) ? [.. set] : [];
        }
    }

    /// <summary>Adds or overwrites tags; false (nothing changed) when the resource would pass <paramref name="limit"/> tags.</summary>
    public bool Tag(string resourceArn, IEnumerable<KeyValuePair<string, string>> added, int limit)
    {
        lock (gate)
        {
            var set = tags.TryGetValue(resourceArn, out var existing) ? new SortedDictionary<string, string>(existing, StringComparer.Ordinal) : new(StringComparer.Ordinal);
            foreach (var (key, value) in added)
            {
                set[key] = value;
            }

            if (set.Count > limit)
            {
                return false;
            }

            tags[resourceArn] = set;
            Save();
            return true;
        }
    }

    public void Untag(string resourceArn, IEnumerable<string> keys)
    {
        lock (gate)
        {
            if (tags.TryGetValue(resourceArn, out var set))
            {
                foreach (var key in keys)
                {
                    set.Remove(key);
                }

                Save();
            }
        }
    }

    public void ClearTags(string resourceArn)
    {
        lock (gate)
        {
            if (tags.Remove(resourceArn))
            {
                Save();
            }
        }
    }

    private void Save()
    {
        if (path is null)
        {
            return;
        }

        var machineNodes = new JsonObject();
        foreach (var (arn, m) in machines)
        {
            machineNodes[arn] = new JsonObject
            {
                ["roleArn"] = m.RoleArn,
                ["creationDate"] = m.CreationDate.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["updateDate"] = m.UpdateDate?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["deleted"] = m.Deleted,
                ["loggingConfiguration"] = m.LoggingConfiguration?.DeepClone(),
                ["tracingConfiguration"] = m.TracingConfiguration?.DeepClone(),
            };
        }

        var tagNodes = new JsonObject();
        foreach (var (arn, set) in tags)
        {
            tagNodes[arn] = new JsonObject(set.Select(t => new KeyValuePair<string, JsonNode?>(t.Key, t.Value)));
        }

        var temporary = path + ".tmp";
        File.WriteAllText(temporary, new JsonObject { ["stateMachines"] = machineNodes, ["tags"] = tagNodes }.ToJsonString());
        File.Move(temporary, path, overwrite: true);
    }
}
