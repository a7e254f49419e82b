namespace Gdpr.Workflows.Erasure.Registry;

/// <summary>
/// The systems an erasure request is carried out in, validated as a whole: unique names, consistent timeouts,
/// a legal ground for every retention, a reason for every recipient that cannot be told. Immutable.
/// </summary>
public sealed class SystemRegistry
{
    private readonly Dictionary<string, SystemDefinition> _byName;

    private SystemRegistry(string source, IReadOnlyList<SystemDefinition> systems)
    {
        Source = source;
        Systems = systems;
        _byName = systems.ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    /// <summary>Where the registry was read from (a file path, or "code").</summary>
    public string Source { get; }

    /// <summary>In file order.</summary>
    public IReadOnlyList<SystemDefinition> Systems { get; }

    /// <summary>Reads and validates a registry file: YAML (.yaml, .yml) or JSON (.json).</summary>
    /// <exception cref="SystemRegistryException">The file is missing or invalid; the message says where and why.</exception>
    public static SystemRegistry Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SystemRegistryException(path, null, null, null, $"cannot be read ({e.GetType().Name}).", e);
        }

        return Parse(text, path);
    }

    /// <summary>Validates registry text (YAML or JSON, which YAML includes); <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="SystemRegistryException">The text is invalid.</exception>
    public static SystemRegistry Parse(string text, string source) => new(source, SystemRegistryParser.Parse(text, source));

    /// <summary>A registry of systems built in code, validated like a file.</summary>
    /// <exception cref="SystemRegistryException">A definition is invalid.</exception>
    public static SystemRegistry Of(IEnumerable<SystemDefinition> systems, string source = "code")
    {
        var list = systems.ToList();
        SystemRegistryParser.Validate(list, source);
        return new SystemRegistry(source, list);
    }

    /// <summary>The system, or null when the registry has none of that name.</summary>
    public SystemDefinition? Find(string name) => _byName.GetValueOrDefault(name);
}
