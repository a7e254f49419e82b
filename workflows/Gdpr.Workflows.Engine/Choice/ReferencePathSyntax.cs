namespace Gdpr.Workflows.Engine.Choice;

/// <summary>
/// Checks the syntax of a Reference Path, the form ASL requires for a Choice rule's Variable and for
/// the operand of a <c>…Path</c> operator: a root (<c>$</c>, <c>$$</c> or a variable <c>$name</c>)
/// followed by <c>.field</c>, <c>['field']</c> or <c>[index]</c> steps only, so that it names a single node.
/// Wildcards, recursive descent, filters, slices and unions are rejected.
/// </summary>
internal static class ReferencePathSyntax
{
    public static bool IsValid(string path)
    {
        if (!path.StartsWith('$'))
        {
            return false;
        }

        var position = RootLength(path);
        if (position < 0)
        {
            return false;
        }

        while (position < path.Length)
        {
            position = path[position] switch
            {
                '.' => DotStep(path, position + 1),
                '[' => BracketStep(path, position + 1),
                _ => -1,
            };
            if (position < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Length of the root (<c>$</c>, <c>$$</c>, <c>$name</c>), or -1 when the variable name is malformed.</summary>
    private static int RootLength(string path)
    {
        if (path.Length == 1 || path[1] is '.' or '[')
        {
            return 1;
        }

        if (path[1] == '$')
        {
            return 2;
        }

        if (!IsNameStart(path[1]))
        {
            return -1;
        }

        var end = 2;
        while (end < path.Length && IsNamePart(path[end]))
        {
            end++;
        }

        return end;
    }

    private static int DotStep(string path, int start)
    {
        var end = start;
        while (end < path.Length && path[end] is not ('.' or '['))
        {
            if (path[end] is ']' or '*' or '@' or '\'' or '"' || char.IsWhiteSpace(path[end]))
            {
                return -1;
            }

            end++;
        }

        // An empty name is "$.", "$.." (recursive descent) or ".[".
        return end > start ? end : -1;
    }

    private static int BracketStep(string path, int start)
    {
        if (start >= path.Length)
        {
            return -1;
        }

        if (path[start] is '\'' or '"')
        {
            var quote = path[start];
            var position = start + 1;
            while (position < path.Length && path[position] != quote)
            {
                // A backslash escapes the next character inside a quoted name.
                position += path[position] == '\\' ? 2 : 1;
            }

            var closing = position + 1;
            return position > start + 1 && closing < path.Length && path[closing] == ']' ? closing + 1 : -1;
        }

        var end = start;
        while (end < path.Length && char.IsAsciiDigit(path[end]))
        {
            end++;
        }

        return end > start && end < path.Length && path[end] == ']' ? end + 1 : -1;
    }

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsNamePart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
