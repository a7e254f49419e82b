namespace Gdpr.Workflows.Erasure.Registry;

/// <summary>
/// The system registry is invalid. The message names the file, the line where known, the system and the field,
/// e.g. "samples/systems.yaml:14: system 'orders', field 'mode': must be 'sync' or 'async', not 'batch'.".
/// </summary>
public sealed class SystemRegistryException : Exception
{
    public SystemRegistryException(string source, int? line, string? system, string? field, string problem, Exception? innerException = null)
        : base(Format(source, line, system, field, problem), innerException)
    {
        Source = source;
        Line = line;
        System = system;
        Field = field;
        Problem = problem;
    }

    public SystemRegistryException()
    {
        Source = string.Empty;
        Problem = string.Empty;
    }

    public SystemRegistryException(string message)
        : base(message)
    {
        Source = string.Empty;
        Problem = message;
    }

    public SystemRegistryException(string message, Exception innerException)
        : base(message, innerException)
    {
        Source = string.Empty;
        Problem = message;
    }

    /// <summary>The file (or other source) the registry came from.</summary>
    public new string Source { get; }

    /// <summary>1-based line, when known.</summary>
    public int? Line { get; }

    public string? System { get; }

    public string? Field { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    private static string Format(string source, int? line, string? system, string? field, string problem)
    {
        var where = line is { } l ? $"{source}:{l}" : source;
        var what = (system, field) switch
        {
            (not null, not null) => $"system '{system}', field '{field}': ",
            (not null, null) => $"system '{system}': ",
            (null, not null) => $"field '{field}': ",
            _ => string.Empty,
        };
        return $"{where}: {what}{problem}";
    }
}
