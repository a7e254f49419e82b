using Gdpr.Workflows.WebConsole.Html;

namespace Gdpr.Workflows.WebConsole.Tests.Html;

public sealed class HtmlWriterTests
{
    [Fact]
    public void Text_ScriptTag_IsEncoded()
    {
        var html = new HtmlWriter().Element("p", "<script>alert(1)</script>").ToString();

        html.Should().NotContain("<script>").And.Contain("&lt;script&gt;");
    }

    [Fact]
    public void Open_AttributeWithQuotes_CannotCloseTheAttribute()
    {
        var html = new HtmlWriter().Void("input", ("value", "\"><img src=x onerror=alert(1)>'")).ToString();

        html.Should().StartWith("<input value=\"").And.NotContain("\"><img").And.NotContain("'").And.Contain("&quot;&gt;&lt;img");
    }

    [Fact]
    public void Text_RightToLeftOverride_IsShownAsItsCode()
    {
        var html = new HtmlWriter().Text("invoice\u202Egnp.exe").ToString();

        html.Should().NotContain("\u202E").And.NotContain("&#x202E;");
        System.Net.WebUtility.HtmlDecode(html).Should().Be("invoice[U+202E]gnp.exe");
    }

    [Fact]
    public void Open_NullAttribute_IsLeftOutAndEmptyIsBoolean()
    {
        var html = new HtmlWriter().Void("input", ("disabled", null), ("required", string.Empty)).ToString();

        html.Should().Be("<input required>");
    }
}
