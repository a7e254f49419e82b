using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gdpr.Workflows.Engine.Data.Json;

namespace Gdpr.Workflows.Engine.Data.Paths;

/// <summary>
/// Parses the expression inside <c>[?( ... )]</c>: <c>||</c>, <c>&amp;&amp;</c>, <c>!</c>, parentheses,
/// relations (<c>== != &lt; &lt;= &gt; &gt;= =~ in nin subsetof anyof noneof size empty contains</c>) and
/// bare paths (existence). Operands are paths (<c>@...</c>, <c>$...</c>), numbers, quoted strings,
/// true/false/null, <c>/regex/flags</c> and JSON-like lists.
/// </summary>
internal sealed class FilterParser
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);
    private static readonly string[] SymbolOperators = ["==", "!=", "<=", ">=", "=~", "<", ">"];

    private readonly string text;
    private int position;

    private FilterParser(string text, int position)
    {
        this.text = text;
        this.position = position;
    }

    /// <summary>Parses from <paramref name="position"/> up to (not including) the ')' that closes the filter.</summary>
    public static FilterExpression Parse(string text, ref int position)
    {
        var parser = new FilterParser(text, position);
        var expression = parser.ParseOr();
        position = parser.position;
        return expression;
    }

    private bool AtEnd => position >= text.Length;

    private char Current => text[position];

    private PathSyntaxException Error(string reason) => new($"{reason} at position {position} in filter of path '{text}'");

    private FilterExpression ParseOr()
    {
        var left = ParseAnd();
        while (TryConsume("||"))
        {
            left = new OrFilter(left, ParseAnd());
        }

        return left;
    }

    private FilterExpression ParseAnd()
    {
        var left = ParseUnary();
        while (TryConsume("&&"))
        {
            left = new AndFilter(left, ParseUnary());
        }

        return left;
    }

    private FilterExpression ParseUnary()
    {
        SkipSpaces();
        if (AtEnd)
        {
            throw Error("Incomplete filter expression");
        }

        if (Current == '!' && !text.AsSpan(position).StartsWith("!=", StringComparison.Ordinal))
        {
            position++;
            return new NotFilter(ParseUnary());
        }

        if (Current == '(')
        {
            position++;
            var inner = ParseOr();
            SkipSpaces();
            Expect(')');
            return inner;
        }

        return ParseRelation();
    }

    private FilterExpression ParseRelation()
    {
        var left = ParseOperand();
        SkipSpaces();
        var op = TryReadOperator();
        if (op is null)
        {
            return left is PathOperand
                ? new ExistsFilter(left)
                : throw Error("Expected a comparison operator");
        }

        return new CompareFilter(left, op, ParseOperand());
    }

    private string? TryReadOperator()
    {
        foreach (var symbol in SymbolOperators)
        {
            if (text.AsSpan(position).StartsWith(symbol, StringComparison.Ordinal))
            {
                position += symbol.Length;
                return symbol;
            }
        }

        var start = position;
        while (!AtEnd && char.IsAsciiLetter(Current))
        {
            position++;
        }

        var word = text[start..position];
        if (FilterComparison.WordOperators.Contains(word))
        {
            return word;
        }

        position = start;
        return null;
    }

    private FilterOperand ParseOperand()
    {
        SkipSpaces();
        if (AtEnd)
        {
            throw Error("Expected a value");
        }

        return Current switch
        {
            '@' or '$' => new PathOperand(PathParser.ParseEmbedded(text, ref position)),
            '\'' or '"' => new LiteralOperand(JsonValue.Create(ReadQuoted())),
            '/' => new RegexOperand(ReadRegex()),
            '[' => new LiteralOperand(ReadList()),
            '{' => new LiteralOperand(ReadObject()),
            var c when char.IsAsciiDigit(c) || c == '-' => new LiteralOperand(ReadNumber()),
            _ => new LiteralOperand(ReadKeyword()),
        };
    }

    private string ReadQuoted()
    {
        var quote = Current;
        position++;
        var builder = new StringBuilder();
        while (!AtEnd && Current != quote)
        {
            if (Current == '\\' && position + 1 < text.Length)
            {
                position++;
                builder.Append(Current switch
                {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    'b' => '\b',
                    'f' => '\f',
                    _ => Current,
                });
            }
            else
            {
                builder.Append(Current);
            }

            position++;
        }

        Expect(quote);
        return builder.ToString();
    }

    private Regex ReadRegex()
    {
        position++;
        var pattern = new StringBuilder();
        while (!AtEnd && Current != '/')
        {
            if (Current == '\\' && position + 1 < text.Length)
            {
                pattern.Append(Current);
                position++;
            }

            pattern.Append(Current);
            position++;
        }

        Expect('/');
        var options = RegexOptions.CultureInvariant;
        while (!AtEnd && char.IsAsciiLetterLower(Current))
        {
            options |= Current switch
            {
                'i' => RegexOptions.IgnoreCase,
                'm' => RegexOptions.Multiline,
                's' => RegexOptions.Singleline,
                'x' => RegexOptions.IgnorePatternWhitespace,
                _ => RegexOptions.None,
            };
            position++;
        }

        // Jayway uses Java's Matcher.matches(): the whole input must match.
        try
        {
            return new Regex(@"\A(?:" + pattern + @")\z", options, RegexTimeout);
        }
        catch (ArgumentException exception)
        {
            throw Error("Invalid regular expression: " + exception.Message);
        }
    }

    private JsonArray ReadList()
    {
        position++;
        var list = new JsonArray();
        SkipSpaces();
        if (!AtEnd && Current == ']')
        {
            position++;
            return list;
        }

        while (true)
        {
            if (ParseOperand() is not LiteralOperand literal)
            {
                throw Error("A list may only hold literal values");
            }

            list.Add(JsonValues.Copy(literal.Evaluate(null, null).Node));
            SkipSpaces();
            if (!AtEnd && Current == ',')
            {
                position++;
                continue;
            }

            Expect(']');
            return list;
        }
    }

    private JsonNode? ReadObject()
    {
        var start = position;
        var depth = 0;
        do
        {
            if (Current == '{')
            {
                depth++;
            }
            else if (Current == '}')
            {
                depth--;
            }
            else if (Current == '"')
            {
                SkipJsonString();
                continue;
            }

            position++;
        }
        while (!AtEnd && depth > 0);

        if (!CanonicalJson.TryParse(text[start..position], out var node))
        {
            throw Error("Invalid JSON object literal");
        }

        return node;
    }

    private void SkipJsonString()
    {
        position++;
        while (!AtEnd && Current != '"')
        {
            position += Current == '\\' ? 2 : 1;
        }

        position++;
    }

    private JsonNode ReadNumber()
    {
        var start = position;
        position++;
        while (!AtEnd && (char.IsAsciiDigit(Current) || Current is '.' or 'e' or 'E' or '+' or '-'))
        {
            position++;
        }

        var literal = text[start..position];
        if (!JsonNumber.TryParse(literal, out var number))
        {
            throw Error($"'{literal}' is not a number");
        }

        return number.ToNode();
    }

    private JsonNode? ReadKeyword()
    {
        foreach (var (keyword, value) in new (string, JsonNode?)[] { ("true", JsonValue.Create(true)), ("false", JsonValue.Create(false)), ("null", null) })
        {
            if (text.AsSpan(position).StartsWith(keyword, StringComparison.Ordinal))
            {
                position += keyword.Length;
                return value;
            }
        }

        throw Error($"Unexpected character '{Current}'");
    }

    private bool TryConsume(string token)
    {
        SkipSpaces();
        if (text.AsSpan(position).StartsWith(token, StringComparison.Ordinal))
        {
            position += token.Length;
            return true;
        }

        return false;
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
