using System.Text;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data.Json;

namespace Gdpr.Workflows.Engine.Data.Intrinsics;

/// <summary>
/// Parses an intrinsic function call: <c>States.Name(arg, ...)</c> where an argument is a string literal
/// in single quotes (escapes <c>\'</c> <c>\{</c> <c>\}</c> <c>\\</c> only), a number, true, false, null,
/// a path (<c>$...</c>, <c>$$...</c>, <c>$var...</c>) or another call.
/// </summary>
internal sealed class IntrinsicParser
{
    private readonly string text;
    private int position;

    private IntrinsicParser(string text) => this.text = text;

    /// <summary>Parses <paramref name="expression"/>; throws <see cref="IntrinsicSyntaxException"/>.</summary>
    public static IntrinsicCall Parse(string expression)
    {
        var parser = new IntrinsicParser(expression);
        parser.SkipSpaces();
        var call = parser.ParseCall();
        parser.SkipSpaces();
        if (!parser.AtEnd)
        {
            throw parser.Error("Unexpected text after the closing ')'");
        }

        return call;
    }

    private bool AtEnd => position >= text.Length;

    private char Current => text[position];

    private IntrinsicSyntaxException Error(string reason) => new($"{reason} at position {position} of '{text}'");

    private IntrinsicCall ParseCall()
    {
        var start = position;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(Current) || Current is '.' or '_'))
        {
            position++;
        }

        var name = text[start..position];
        if (!IntrinsicLibrary.TryGet(name, out var function))
        {
            throw Error(name.Length == 0 ? "Expected an intrinsic function name" : $"Unknown intrinsic function '{name}'");
        }

        SkipSpaces();
        Expect('(');
        var arguments = new List<IntrinsicArgument>();
        SkipSpaces();
        if (!AtEnd && Current == ')')
        {
            position++;
        }
        else
        {
            while (true)
            {
                arguments.Add(ParseArgument());
                SkipSpaces();
                if (!AtEnd && Current == ',')
                {
                    position++;
                    continue;
                }

                Expect(')');
                break;
            }
        }

        if (arguments.Count < function.MinArguments || arguments.Count > function.MaxArguments)
        {
            throw Error($"{name} takes {function.ArityText} but was given {arguments.Count}");
        }

        return new IntrinsicCall(name, arguments, text[start..position]);
    }

    private IntrinsicArgument ParseArgument()
    {
        SkipSpaces();
        if (AtEnd)
        {
            throw Error("Expected an argument");
        }

        return Current switch
        {
            '\'' => ParseString(),
            '$' => ParsePath(),
            var c when char.IsAsciiDigit(c) || c == '-' => ParseNumber(),
            _ when StartsWithWord("true") => Keyword("true", JsonValue.Create(true)),
            _ when StartsWithWord("false") => Keyword("false", JsonValue.Create(false)),
            _ when StartsWithWord("null") => Keyword("null", null),
            _ => new CallArgument(ParseCall()),
        };
    }

    private LiteralArgument ParseString()
    {
        position++;
        var start = position;
        var value = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw Error("Unterminated string literal");
            }

            var c = Current;
            if (c == '\'')
            {
                break;
            }

            if (c == '\\')
            {
                position++;
                if (AtEnd || Current is not ('\'' or '{' or '}' or '\\'))
                {
                    throw Error("Illegal escape sequence in string literal (only \\' \\{ \\} \\\\ are allowed)");
                }

                value.Append(Current);
            }
            else
            {
                value.Append(c);
            }

            position++;
        }

        var escaped = text[start..position];
        position++;
        return new LiteralArgument(JsonValue.Create(value.ToString()), escaped);
    }

    private PathArgument ParsePath()
    {
        var start = position;
        var depth = 0;
        char? quote = null;
        while (!AtEnd)
        {
            var c = Current;
            if (quote is not null)
            {
                if (c == '\\')
                {
                    position++;
                }
                else if (c == quote)
                {
                    quote = null;
                }
            }
            else if (c is '\'' or '"' && depth > 0)
            {
                quote = c;
            }
            else if (c is '[' or '(')
            {
                depth++;
            }
            else if (c is ']' or ')')
            {
                if (depth == 0)
                {
                    break;
                }

                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                break;
            }

            position++;
        }

        var path = text[start..position].TrimEnd();
        var problem = JsonPaths.ValidatePath(path);
        if (problem is not null)
        {
            throw Error($"Invalid path argument '{path}': {problem}");
        }

        return new PathArgument(path);
    }

    private LiteralArgument ParseNumber()
    {
        var start = position;
        position++;
        while (!AtEnd && (char.IsAsciiDigit(Current) || Current is '.' or 'e' or 'E' or '+' or '-'))
        {
            position++;
        }

        var literal = text[start..position];
        if (!JsonNumber.TryParse(literal, out var number) || literal.EndsWith('.'))
        {
            throw Error($"'{literal}' is not a number");
        }

        return new LiteralArgument(number.ToNode(), null);
    }

    private bool StartsWithWord(string word)
    {
        if (!text.AsSpan(position).StartsWith(word, StringComparison.Ordinal))
        {
            return false;
        }

        var end = position + word.Length;
        return end >= text.Length || !(char.IsAsciiLetterOrDigit(text[end]) || text[end] is '.' or '_');
    }

    private LiteralArgument Keyword(string word, JsonNode? value)
    {
        position += word.Length;
        return new LiteralArgument(value, null);
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
