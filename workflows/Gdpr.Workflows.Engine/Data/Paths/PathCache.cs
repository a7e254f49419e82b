using System.Collections.Concurrent;

namespace Gdpr.Workflows.Engine.Data.Paths;

/// <summary>Compiled paths by text: a definition uses a bounded set of paths, evaluated many times.</summary>
internal static class PathCache
{
    private const int MaxEntries = 10_000;
    private static readonly ConcurrentDictionary<string, CompiledPath> Paths = new(StringComparer.Ordinal);

    /// <summary>The compiled path; throws <see cref="PathSyntaxException"/> when it cannot be parsed.</summary>
    public static CompiledPath Get(string path)
    {
        if (Paths.TryGetValue(path, out var compiled))
        {
            return compiled;
        }

        compiled = PathParser.Parse(path);
        if (Paths.Count >= MaxEntries)
        {
            // Only generated definitions get here; starting over is cheaper than tracking use.
            Paths.Clear();
        }

        Paths[path] = compiled;
        return compiled;
    }
}
