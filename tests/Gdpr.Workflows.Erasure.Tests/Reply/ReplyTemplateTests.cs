using Gdpr.Workflows.Erasure.Reply;

namespace Gdpr.Workflows.Erasure.Tests.Reply;

public sealed class ReplyTemplateTests
{
    [Fact]
    public void Render_SectionsListsAndInverted_RendersLikeMustache()
    {
        var template = new ReplyTemplate("t.txt", "Hi {{name}}\n{{#items}}\n- {{x}}\n{{/items}}\n{{^items}}\nnone\n{{/items}}\n{{#flag}}on{{/flag}}", html: false);
        var model = new Dictionary<string, object?>
        {
            ["name"] = "A",
            ["flag"] = true,
            ["items"] = new List<IReadOnlyDictionary<string, object?>> { new Dictionary<string, object?> { ["x"] = "1" }, new Dictionary<string, object?> { ["x"] = "2" } },
        };

        template.Render(model).Should().Be("Hi A\n- 1\n- 2\non");
        template.Render(new Dictionary<string, object?> { ["name"] = "B", ["items"] = new List<IReadOnlyDictionary<string, object?>>() }).Should().Be("Hi B\nnone\n");
    }

    [Fact]
    public void Render_Html_EscapesValues() =>
        new ReplyTemplate("t.html", "<p>{{v}}</p>", html: true).Render(new Dictionary<string, object?> { ["v"] = "<b>&" }).Should().Be("<p>&lt;b&gt;&amp;</p>");

    [Fact]
    public void Ctor_UnclosedSection_FormatException()
    {
        var act = () => new ReplyTemplate("t.txt", "{{#a}} never closed", html: false);

        act.Should().Throw<FormatException>().WithMessage("*not closed*");
    }

    [Fact]
    public void From_DirectoryWithAnEditedText_UsesItAndKeepsTheDefaultHtml()
    {
        var directory = Directory.CreateTempSubdirectory("reply-templates-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, ReplyTemplates.TextName), "Subject: Ref {{requestId}}\nHello {{requestId}}");

            var templates = ReplyTemplates.From(directory);

            templates.Text.Version.Should().NotBe(ReplyTemplates.Defaults.Text.Version);
            templates.Html.Version.Should().Be(ReplyTemplates.Defaults.Html.Version);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
