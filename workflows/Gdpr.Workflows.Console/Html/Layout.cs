using Gdpr.Workflows.WebConsole.Security;
using Microsoft.AspNetCore.Http;

namespace Gdpr.Workflows.WebConsole.Html;

/// <summary>The page shell (header, navigation, sign-out) and the headers every console response carries.</summary>
public static class Layout
{
    /// <summary>No inline script or style anywhere; nothing from another origin; no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static void SecurityHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
    }

    /// <summary>Starts a page: <paramref name="current"/> is the navigation entry to mark; <paramref name="banner"/> names the deployed stack shown, if any.</summary>
    public static HtmlWriter Begin(string title, ConsoleSession? session, string? current = null, string? banner = null)
    {
        var html = new HtmlWriter();
        html.Markup("<!DOCTYPE html>").Open("html", ("lang", "en")).Open("head")
            .Void("meta", ("charset", "utf-8"))
            .Void("meta", ("name", "viewport"), ("content", "width=device-width, initial-scale=1"))
            .Element("title", title + " · GDPR erasure console")
            .Void("link", ("rel", "stylesheet"), ("href", "/assets/console.css"))
            .Open("script", ("src", "/assets/console.js"), ("defer", "")).Close("script")
            .Close("head").Open("body");
        html.Element("a", "Skip to content", ("href", "#main"), ("class", "skip"));
        html.Open("header", ("class", "top")).Element("span", "GDPR erasure console", ("class", "brand"));
        if (session is not null)
        {
            html.Open("nav", ("aria-label", "Main"));
            foreach (var (href, label, key) in Navigation(session))
            {
                html.Element("a", label, ("href", href), ("aria-current", key == current ? "page" : null));
            }

            html.Close("nav");
            html.Open("form", ("method", "post"), ("action", "/console/signout"), ("class", "signout"));
            Csrf(html, session);
            html.Element("span", $"{session.Name} ({session.RoleName})", ("class", "who"));
            html.Element("button", "Sign out", ("type", "submit"));
            html.Close("form");
        }

        html.Close("header");
        if (banner is not null)
        {
            html.Element("p", banner, ("class", "stack-banner"), ("id", "stack-banner"), ("role", "note"));
        }

        html.Open("main", ("id", "main"), ("tabindex", "-1")).Element("h1", title);
        return html;
    }

    public static string End(HtmlWriter html) => html.Close("main").Close("body").Close("html").ToString();

    /// <summary>The hidden anti-forgery field every form carries.</summary>
    public static void Csrf(HtmlWriter html, ConsoleSession session) =>
        html.Void("input", ("type", "hidden"), ("name", ConsoleSessions.CsrfField), ("value", session.CsrfToken));

    public static async Task WriteAsync(HttpContext context, string page, int status = StatusCodes.Status200OK)
    {
        SecurityHeaders(context.Response);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(page, context.RequestAborted);
    }

    /// <summary>A page that only says something (refusals, errors, expired links).</summary>
    public static Task MessageAsync(HttpContext context, ConsoleSession? session, int status, string title, string message, string? banner = null)
    {
        var html = Begin(title, session, banner: banner);
        html.Element("p", message, ("role", status >= 400 ? "alert" : null), ("class", status >= 400 ? "error" : null));
        html.Open("p").Element("a", "Back to the queue", ("href", "/")).Close("p");
        return WriteAsync(context, End(html), status);
    }

    private static IEnumerable<(string Href, string Label, string Key)> Navigation(ConsoleSession session)
    {
        if (session.IsSystem)
        {
            yield return ("/console/tasks", "Tasks", "tasks");
            yield break;
        }

        yield return ("/", "Queue", "queue");
        yield return ("/console/tasks", "Tasks", "tasks");
        yield return ("/console/audit", "Audit", "audit");
        yield return ("/console/report", "Report", "report");
    }
}
