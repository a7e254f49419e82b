using System.Text;

namespace Gdpr.Workflows.Engine.Data.Paths;

internal enum PathRoot
{
    /// <summary><c>$</c>: the state input.</summary>
    Input,

    /// <summary><c>$$</c>: the context object.</summary>
    Context,

    /// <summary><c>$name</c>: a workflow variable.</summary>
    Variable,

    /// <summary><c>@</c>: the node under test inside a filter.</summary>
    Current,
}

/// <summary>A parsed JSONPath: its root and steps.</summary>
internal sealed class CompiledPath(string source, PathRoot root, string? variableName, IReadOnlyList<PathSegment> segments)
{
    public string Source { get; } = source;

    public PathRoot Root { get; } = root;

    public string? VariableName { get; } = variableName;

    public IReadOnlyList<PathSegment> Segments { get; } = segments;

    /// <summary>True when the path selects at most one node; otherwise its value is the array of matches.</summary>
    public bool IsDefinite { get; } = segments.All(segment => segment.IsDefinite);

    /// <summary>True for a Reference Path: only single names and single indexes.</summary>
    public bool IsReferencePath { get; } = segments.All(segment =>
        segment is PropertySegment { Names.Count: 1 } or IndexSegment { Indexes.Count: 1 });

    /// <summary>Jayway's text of the first <paramref name="count"/> steps, e.g. <c>$['a'][0]</c>.</summary>
    public string NormalizedPrefix(int count)
    {
        var builder = new StringBuilder(Root == PathRoot.Current ? "@" : "$");
        for (var i = 0; i < count; i++)
        {
            builder.Append(Segments[i].Text);
        }

        return builder.ToString();
    }

    public string Normalized => NormalizedPrefix(Segments.Count);

    public override string ToString() => Source;
}
