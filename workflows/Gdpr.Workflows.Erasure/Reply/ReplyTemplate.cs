using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Gdpr.Workflows.Erasure.Reply;

/// <summary>
/// A reply template the controller can edit: a small Mustache subset. <c>{{name}}</c> inserts a value (HTML-escaped in an
/// HTML template); <c>{{#name}}...{{/name}}</c> repeats for each item of a list (the items' fields in scope), or renders
/// once when a value is true or non-empty; <c>{{^name}}...{{/name}}</c> renders when it is false, empty or missing. A tag
/// alone on its line takes the line with it. An unknown name renders as nothing; an unclosed section is an error.
/// </summary>
public sealed partial class ReplyTemplate
{
    private readonly List<Node> _nodes;

    public ReplyTemplate(string name, string text, bool html)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(text);
        Name = name;
        Html = html;
        // The version the audit records: the template's name and the first 12 hex digits of SHA-256 over its text.
        Version = name + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 6));
        var position = 0;
        _nodes = Parse(Standalone().Replace(text, "$1"), ref position, null);
    }

    public string Name { get; }

    public bool Html { get; }

    /// <summary>"reply.txt:0123456789ab": which text produced a reply.</summary>
    public string Version { get; }

    public string Render(IReadOnlyDictionary<string, object?> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var output = new StringBuilder();
        Render(_nodes, [model], output);
        return output.ToString();
    }

    private void Render(List<Node> nodes, List<IReadOnlyDictionary<string, object?>> scopes, StringBuilder output)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode text:
                    output.Append(text.Text);
                    break;
                case ValueNode value:
                    var shown = Lookup(scopes, value.Name) switch
                    {
                        null or false => string.Empty,
                        true => "yes",
                        var other => other.ToString() ?? string.Empty,
                    };
                    output.Append(Html ? WebUtility.HtmlEncode(shown) : shown);
                    break;
                case SectionNode section:
                    var found = Lookup(scopes, section.Name);
                    var items = found as IEnumerable<IReadOnlyDictionary<string, object?>>;
                    var truthy = found switch
                    {
                        null or false => false,
                        string s => s.Length > 0,
                        _ when items is not null => items.Any(),
                        _ => true,
                    };
                    if (section.Inverted)
                    {
                        if (!truthy)
                        {
                            Render(section.Children, scopes, output);
                        }
                    }
                    else if (items is not null)
                    {
                        foreach (var item in items)
                        {
                            Render(section.Children, [item, .. scopes], output);
                        }
                    }
                    else if (truthy)
                    {
                        Render(section.Children, scopes, output);
                    }

                    break;
            }
        }
    }

    private static object? Lookup(List<IReadOnlyDictionary<string, object?>> scopes, string name)
    {
        foreach (var scope in scopes)
        {
            if (scope.TryGetValue(name, out var value))
            {
                return value;
            }
        }

        return null;
    }

    private List<Node> Parse(string text, ref int position, string? closing)
    {
        var nodes = new List<Node>();
        while (position < text.Length)
        {
            var open = text.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0)
            {
                nodes.Add(new TextNode(text[position..]));
                position = text.Length;
                break;
            }

            nodes.Add(new TextNode(text[position..open]));
            var close = text.IndexOf("}}", open, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException($"Template {Name}: '{{{{' without '}}}}'.");
            }

            var tag = text[(open + 2)..close].Trim();
            position = close + 2;
            if (tag.StartsWith('/'))
            {
                return tag[1..] == closing ? nodes : throw new FormatException($"Template {Name}: '{{{{{tag}}}}}' closes no open section.");
            }

            if (tag.StartsWith('#') || tag.StartsWith('^'))
            {
                var children = Parse(text, ref position, tag[1..]);
                nodes.Add(new SectionNode(tag[1..], tag[0] == '^', children));
            }
            else
            {
                nodes.Add(new ValueNode(tag));
            }
        }

        return closing is null ? nodes : throw new FormatException($"Template {Name}: section '{closing}' is not closed.");
    }

    [GeneratedRegex(@"^[ \t]*(\{\{[#^/][A-Za-z][A-Za-z0-9]*\}\})[ \t]*\r?\n", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Standalone();

    private abstract record Node;

    private sealed record TextNode(string Text) : Node;

    private sealed record ValueNode(string Name) : Node;

    private sealed record SectionNode(string Name, bool Inverted, List<Node> Children) : Node;
}
