using System.Globalization;

namespace Gdpr.Workflows.Engine.Data.Paths;

/// <summary>One step of a compiled JSONPath. <see cref="Text"/> is Jayway's normalized form, used in messages.</summary>
internal abstract class PathSegment
{
    public abstract string Text { get; }

    /// <summary>Whether the step can select at most one node (Jayway's "definite" token).</summary>
    public abstract bool IsDefinite { get; }

    public override string ToString() => Text;
}

/// <summary><c>.name</c>, <c>['name']</c> or <c>['a','b']</c>.</summary>
internal sealed class PropertySegment(IReadOnlyList<string> names) : PathSegment
{
    public IReadOnlyList<string> Names { get; } = names;

    /// <summary>Jayway merges several names into one object when they end the path, which keeps it definite.</summary>
    public bool IsLeaf { get; set; }

    public override string Text => "[" + string.Join(",", Names.Select(name => "'" + name + "'")) + "]";

    public override bool IsDefinite => Names.Count == 1 || IsLeaf;
}

/// <summary><c>[0]</c>, <c>[-1]</c> or <c>[0,2]</c>.</summary>
internal sealed class IndexSegment(IReadOnlyList<int> indexes) : PathSegment
{
    public IReadOnlyList<int> Indexes { get; } = indexes;

    public override string Text => "[" + string.Join(",", Indexes.Select(i => i.ToString(CultureInfo.InvariantCulture))) + "]";

    public override bool IsDefinite => Indexes.Count == 1;
}

/// <summary><c>[from:to]</c> with either bound optional.</summary>
internal sealed class SliceSegment(int? from, int? to) : PathSegment
{
    public int? From { get; } = from;

    public int? To { get; } = to;

    public override string Text => "[" + From?.ToString(CultureInfo.InvariantCulture) + ":" + To?.ToString(CultureInfo.InvariantCulture) + "]";

    public override bool IsDefinite => false;
}

/// <summary><c>.*</c> or <c>[*]</c>.</summary>
internal sealed class WildcardSegment : PathSegment
{
    public override string Text => "[*]";

    public override bool IsDefinite => false;
}

/// <summary><c>..x</c>: the inner step applied at every level below the current node.</summary>
internal sealed class DeepScanSegment(PathSegment inner) : PathSegment
{
    public PathSegment Inner { get; } = inner;

    public override string Text => ".." + Inner.Text;

    public override bool IsDefinite => false;
}

/// <summary><c>[?(expression)]</c>.</summary>
internal sealed class FilterSegment(FilterExpression expression) : PathSegment
{
    public FilterExpression Expression { get; } = expression;

    public override string Text => "[?]";

    public override bool IsDefinite => false;
}

/// <summary>A trailing function call such as <c>.length()</c>.</summary>
internal sealed class FunctionSegment(string name) : PathSegment
{
    public string Name { get; } = name;

    public override string Text => "." + Name + "()";

    public override bool IsDefinite => true;
}
