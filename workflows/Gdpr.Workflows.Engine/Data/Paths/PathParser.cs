using System.Globalization;

namespace Gdpr.Workflows.Engine.Data.Paths;

/// <summary>
/// Parses Jayway-style JSONPath as Step Functions accepts it: <c>$</c>, <c>$$</c> or <c>$name</c>, then
/// <c>.name</c>, <c>['name']</c>, <c>[0]</c>, <c>[-1]</c>, <c>[0,2]</c>, <c>[1:3]</c>, <c>.*</c>, <c>[*]</c>,
/// <c>..name</c>, <c>[?(filter)]</c> and a trailing <c>.length()</c>.
/// </summary>
internal sealed class PathParser
{
    private readonly string text;
    private readonly bool embedded;
    private int position;

    private PathParser(string text, int position, bool embedded)
    {
        this.text = text;
        this.position = position;
        this.embedded = embedded;
    }

    /// <summary>Parses a whole path; throws <see cref="PathSyntaxException"/>.</summary>
    public static CompiledPath Parse(string text)
    {
        var parser = new PathParser(text, 0, embedded: false);
        var path = parser.ParsePath();
        if (parser.position != text.Length)
        {
            throw parser.Error($"Unexpected character '{text[parser.position]}'");
        }

        return path;
    }

    /// <summary>Parses a path that starts at <paramref name="position"/> inside a filter expression and ends before an operator.</summary>
    public static CompiledPath ParseEmbedded(string text, ref int position)
    {
        var parser = new PathParser(text, position, embedded: true);
        var path = parser.ParsePath();
        position = parser.position;
        return path;
    }

    internal PathSyntaxException Error(string reason) =>
        new($"{reason} at position {position} in path '{text}'");

    private bool AtEnd => position >= text.Length;

    private char Current => text[position];

    private char? Peek(int offset) => position + offset < text.Length ? text[position + offset] : null;

    private CompiledPath ParsePath()
    {
        var start = position;
        var (root, variableName) = ParseRoot();
        var segments = new List<PathSegment>();
        while (!AtEnd)
        {
            if (Current == '.')
            {
                segments.Add(Peek(1) == '.' ? ParseDeepScan() : ParseDotStep());
            }
            else if (Current == '[')
            {
                segments.Add(ParseBracket());
            }
            else if (embedded)
            {
                break;
            }
            else
            {
                throw Error($"Unexpected character '{Current}'");
            }

            if (segments[^1] is FunctionSegment && !AtEnd && (Current == '.' || Current == '['))
            {
                throw Error("A function must be the last element of a path");
            }
        }

        if (segments.Count > 0 && segments[^1] is PropertySegment last)
        {
            last.IsLeaf = true;
        }

        return new CompiledPath(text[start..position], root, variableName, segments);
    }

    private (PathRoot Root, string? VariableName) ParseRoot()
    {
        if (AtEnd || (Current != '$' && !(embedded && Current == '@')))
        {
            throw Error("A path must start with '$'");
        }

        if (Current == '@')
        {
            position++;
            return (PathRoot.Current, null);
        }

        position++;
        if (!embedded && !AtEnd && Current == '$')
        {
            position++;
            return (PathRoot.Context, null);
        }

        if (!embedded && !AtEnd && IsVariableStart(Current))
        {
            var start = position;
            while (!AtEnd && IsVariablePart(Current))
            {
                position++;
            }

            return (PathRoot.Variable, text[start..position]);
        }

        return (PathRoot.Input, null);
    }

    private static bool IsVariableStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsVariablePart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private DeepScanSegment ParseDeepScan()
    {
        position += 2;
        if (AtEnd)
        {
            throw Error("A path must not end with '..'");
        }

        if (Current == '*')
        {
            position++;
            return new DeepScanSegment(new WildcardSegment());
        }

        if (Current == '[')
        {
            return new DeepScanSegment(ParseBracket());
        }

        var name = ReadDotName();
        if (name.Length == 0)
        {
            throw Error("Expected a property name after '..'");
        }

        return new DeepScanSegment(new PropertySegment([name]));
    }

    private PathSegment ParseDotStep()
    {
        position++;
        if (AtEnd)
        {
            throw Error("A path must not end with '.'");
        }

        if (Current == '*')
        {
            position++;
            return new WildcardSegment();
        }

        if (Current == '[')
        {
            // Jayway tolerates "$.a.['b']"; the AWS documentation uses that form.
            return ParseBracket();
        }

        var name = ReadDotName();
        if (name.Length == 0)
        {
            throw Error("Expected a property name after '.'");
        }

        if (!AtEnd && Current == '(')
        {
            position++;
            SkipSpaces();
            Expect(')');
            return new FunctionSegment(name);
        }

        return new PropertySegment([name]);
    }

    private string ReadDotName()
    {
        var start = position;
        while (!AtEnd && !EndsDotName(Current))
        {
            position++;
        }

        return text[start..position];
    }

    private bool EndsDotName(char c) => c is '.' or '[' or '(' or ' '
        || (embedded && c is ')' or ']' or ',' or '<' or '>' or '=' or '!' or '~' or '&' or '|');

    private PathSegment ParseBracket()
    {
        position++;
        SkipSpaces();
        if (AtEnd)
        {
            throw Error("Unclosed '['");
        }

        PathSegment segment;
        switch (Current)
        {
            case '?':
                position++;
                SkipSpaces();
                Expect('(');
                var expression = FilterParser.Parse(text, ref position);
                SkipSpaces();
                Expect(')');
                segment = new FilterSegment(expression);
                break;
            case '*':
                position++;
                segment = new WildcardSegment();
                break;
            case '\'' or '"':
                segment = new PropertySegment(ReadQuotedNames());
                break;
            case var c when char.IsAsciiDigit(c) || c is '-' or ':':
                segment = ParseIndexesOrSlice();
                break;
            default:
                throw Error($"Unexpected character '{Current}' after '['");
        }

        SkipSpaces();
        Expect(']');
        return segment;
    }

    private List<string> ReadQuotedNames()
    {
        var names = new List<string>();
        while (true)
        {
            names.Add(ReadQuotedName());
            SkipSpaces();
            if (AtEnd || Current != ',')
            {
                return names;
            }

            position++;
            SkipSpaces();
            if (AtEnd || (Current != '\'' && Current != '"'))
            {
                throw Error("Expected a quoted property name after ','");
            }
        }
    }

    private string ReadQuotedName()
    {
        var quote = Current;
        position++;
        var name = new System.Text.StringBuilder();
        while (!AtEnd && Current != quote)
        {
            // Only an escaped delimiter is unescaped; AWS keeps any other backslash literally.
            if (Current == '\\' && Peek(1) == quote)
            {
                position++;
            }

            name.Append(Current);
            position++;
        }

        if (AtEnd)
        {
            throw Error($"Property name is missing its closing {quote}");
        }

        position++;
        return name.ToString();
    }

    private PathSegment ParseIndexesOrSlice()
    {
        var start = position;
        while (!AtEnd && Current != ']')
        {
            position++;
        }

        var content = text[start..position];
        if (content.Contains(':', StringComparison.Ordinal))
        {
            var bounds = content.Split(':');
            if (bounds.Length != 2)
            {
                throw Error("A slice takes the form [from:to]");
            }

            var from = ParseOptionalInt(bounds[0]);
            var to = ParseOptionalInt(bounds[1]);
            if (from is null && to is null)
            {
                throw Error("A slice needs a start or an end");
            }

            return new SliceSegment(from, to);
        }

        return new IndexSegment(content.Split(',').Select(ParseInt).ToList());
    }

    private int? ParseOptionalInt(string value) => string.IsNullOrWhiteSpace(value) ? null : ParseInt(value);

    private int ParseInt(string value)
    {
        if (!int.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result))
        {
            throw Error($"'{value.Trim()}' is not an array index");
        }

        return result;
    }

    private void SkipSpaces()
    {
        while (!AtEnd && char.IsWhiteSpace(Current))
        {
            position++;
        }
    }

    private void Expect(char c)
    {
        if (AtEnd || Current != c)
        {
            throw Error($"Expected '{c}'");
        }

        position++;
    }
}
