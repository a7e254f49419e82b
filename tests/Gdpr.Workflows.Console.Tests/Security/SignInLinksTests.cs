using Gdpr.Workflows.Local;
using Gdpr.Workflows.WebConsole.Security;
using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.WebConsole.Tests.Security;

public sealed class SignInLinksTests
{
    private static readonly ApiPrincipal Officer = new(ApiRole.Officer);

    [Fact]
    public void Redeem_SecondTime_IsRefused()
    {
        var links = new SignInLinks(new FakeTimeProvider());
        var code = links.Issue(Officer, "Olivia");

        links.Redeem(code).Should().Be((Officer, "Olivia"));
        links.Redeem(code).Should().BeNull();
    }

    [Fact]
    public void Redeem_AfterTenMinutes_IsRefused()
    {
        var time = new FakeTimeProvider();
        var links = new SignInLinks(time);
        var fresh = links.Issue(Officer, "Olivia");
        var stale = links.Issue(Officer, "Olivia");

        time.Advance(TimeSpan.FromMinutes(9));
        links.Redeem(fresh).Should().NotBeNull();
        time.Advance(TimeSpan.FromMinutes(1));
        links.Redeem(stale).Should().BeNull();
    }

    [Fact]
    public void Issue_Codes_AreUrlSafeAndDistinct()
    {
        var links = new SignInLinks(new FakeTimeProvider());
        var codes = Enumerable.Range(0, 100).Select(_ => links.Issue(Officer, "Olivia")).ToList();

        codes.Should().OnlyHaveUniqueItems();
        codes.Should().AllSatisfy(c => c.Should().MatchRegex("^[A-Za-z0-9_-]{43}$"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-code")]
    public void Redeem_UnknownCode_IsRefused(string? code) =>
        new SignInLinks(new FakeTimeProvider()).Redeem(code).Should().BeNull();

    [Fact]
    public void CsrfMatches_OtherToken_IsFalse()
    {
        var session = new ConsoleSession("id", Officer, "Olivia", "token-a");

        ConsoleSessions.CsrfMatches(session, "token-a").Should().BeTrue();
        ConsoleSessions.CsrfMatches(session, "token-b").Should().BeFalse();
        ConsoleSessions.CsrfMatches(session, null).Should().BeFalse();
    }
}
