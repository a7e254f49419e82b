
namespace Gdpr.Workflows.Erasure.Reply;

/// <summary>A reply rendered for delivery: the subject line, the plain text and the HTML, and the templates' versions.</summary>
public sealed record RenderedReply(string Subject, string Text, string Html, string TemplateVersion);

/// <summary>
/// The reply templates: <c>reply.txt</c> (first line "Subject: ...", then the body) and <c>reply.html</c>. The defaults are
/// embedded; a controller edits its own copies in a directory (locally <c>$GDPR_HOME/templates</c>, or any configured
/// location), and a file there replaces the default of the same name.
/// </summary>
public sealed class ReplyTemplates
{
    public const string TextName = "reply.txt";
    public const string HtmlName = "reply.html";
    private const string SubjectPrefix = "Subject:";

    public ReplyTemplates(ReplyTemplate text, ReplyTemplate html)
    {
        Text = text;
        Html = html;
    }

    public ReplyTemplate Text { get; }

    public ReplyTemplate Html { get; }

    /// <summary>The embedded defaults.</summary>
    public static ReplyTemplates Defaults { get; } = new(new ReplyTemplate(TextName, Embedded(TextName), html: false), new ReplyTemplate(HtmlName, Embedded(HtmlName), html: true));

    /// <summary>The defaults, each replaced by the file of the same name in <paramref name="directory"/> when there is one.</summary>
    /// <exception cref="FormatException">An edited template is malformed (an unclosed section, say).</exception>
    public static ReplyTemplates From(string? directory)
    {
        string Read(string name) => directory is not null && File.Exists(Path.Combine(directory, name))
            ? File.ReadAllText(Path.Combine(directory, name))
            : Embedded(name);
        return new ReplyTemplates(new ReplyTemplate(TextName, Read(TextName), html: false), new ReplyTemplate(HtmlName, Read(HtmlName), html: true));
    }

    /// <summary>The embedded default's text, e.g. to copy it into a directory for editing.</summary>
    public static string Embedded(string name)
    {
        using var stream = typeof(ReplyTemplates).Assembly.GetManifestResourceStream("Gdpr.Workflows.Erasure.Reply." + name)
            ?? throw new InvalidOperationException($"The reply template '{name}' is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public RenderedReply Render(SubjectReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var model = reply.ToModel();
        var text = Text.Render(model);
        var subject = $"Your erasure request {reply.RequestId}";
        if (text.StartsWith(SubjectPrefix, StringComparison.Ordinal))
        {
            var end = text.IndexOf('\n', StringComparison.Ordinal);
            subject = (end < 0 ? text[SubjectPrefix.Length..] : text[SubjectPrefix.Length..end]).Trim();
            text = end < 0 ? string.Empty : text[(end + 1)..];
        }

        return new RenderedReply(subject, text, Html.Render(model), Text.Version + "," + Html.Version);
    }
}
