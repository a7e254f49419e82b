using System.Net;
using System.Text.RegularExpressions;

namespace Gdpr.Workflows.WebConsole.Tests.Support;

/// <summary>An HTTP client with its own cookie jar that does not follow redirects, signed in through a one-time link.</summary>
public sealed partial class BrowserlessClient : IDisposable
{
    private readonly HttpClientHandler handler = new() { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true };

    public BrowserlessClient(string baseUrl)
    {
        Http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl) };
    }

    public HttpClient Http { get; }

    public CookieContainer Cookies => handler.CookieContainer;

    public async Task<HttpResponseMessage> SignInAsync(string url)
    {
        var response = await Http.GetAsync(new Uri(url));
        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        return response;
    }

    /// <summary>The anti-forgery token of the page at <paramref name="path"/>.</summary>
    public async Task<string> CsrfTokenAsync(string path)
    {
        var html = await Http.GetStringAsync(new Uri(path, UriKind.Relative));
        return CsrfPattern().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("The page has no form.");
    }

    public Task<HttpResponseMessage> PostAsync(string path, params (string Name, string Value)[] fields) =>
        Http.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));

    public void Dispose()
    {
        Http.Dispose();
        handler.Dispose();
    }

    [GeneratedRegex("name=\"_csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfPattern();
}
