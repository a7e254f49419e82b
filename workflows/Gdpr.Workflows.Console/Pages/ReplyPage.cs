using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Local;
using Gdpr.Workflows.WebConsole.Html;
using Gdpr.Workflows.WebConsole.Queue;
using Gdpr.Workflows.WebConsole.Security;
using Microsoft.AspNetCore.Http;

namespace Gdpr.Workflows.WebConsole.Pages;

/// <summary>
/// The reply sent to the requester when the request closed or was refused (docs/reply.md), as <c>gdpr reply</c> shows
/// it: <c>GET /console/requests/{id}/reply</c> shows the text, <c>.../reply.txt</c> and <c>.../reply.html</c> download
/// it. Officers only: the letter is written to the requester and is the officers' to send on or answer for; auditors
/// see on the request page that it was sent and its SHA-256 (the audit trail's <c>ReplySent</c>), not the letter, and
/// these routes refuse them (403), as they refuse systems.
/// </summary>
public static class ReplyPage
{
    /// <summary>The request page's section: that the reply was sent (hash and templates), and for officers the links.</summary>
    public static void Section(HtmlWriter html, ConsoleApp app, ConsoleSession session, ErasureRequest request, IReadOnlyDictionary<string, string>? sent)
    {
        var id = Uri.EscapeDataString(request.RequestId);
        var sentFile = Delivered(app)?.TextFile(request.RequestId) is { } path && File.Exists(path);
        html.Open("section", ("aria-labelledby", "reply-h"), ("id", "reply")).Element("h2", "Reply to the requester", ("id", "reply-h"));
        if (!sentFile && app.Backend.IsDeployed)
        {
            html.Element("p", request.IsOpen
                ? "Not sent yet: the reply is sent when the request closes or is refused."
                : "The deployed stack delivers the reply itself; this console cannot read the letter. Its SHA-256 is in the audit timeline's ReplySent event.", ("id", "reply-status"));
            html.Close("section");
            return;
        }

        if (!sentFile)
        {
            html.Element("p", request.IsOpen
                ? "Not sent yet: the reply is sent when the request closes or is refused."
                : "No reply was delivered for this request (the workflow sends it before shredding the requester's details; a failed run is redriven).", ("id", "reply-status"));
            html.Close("section");
            return;
        }

        html.Open("p", ("id", "reply-status")).Text("Sent").Text(sent?.GetValueOrDefault("sha256") is { } hash ? $" (SHA-256 {hash}, recorded in the audit trail)" : string.Empty).Text(".").Close("p");
        if (session.IsOfficer)
        {
            html.Open("p", ("class", "links"));
            html.Element("a", "View the reply", ("href", $"/console/requests/{id}/reply"), ("id", "view-reply"), ("class", "button"));
            html.Text(" ").Element("a", "Download (text)", ("href", $"/console/requests/{id}/reply.txt"), ("id", "download-reply"), ("download", string.Empty));
            html.Text(" ").Element("a", "Download (HTML)", ("href", $"/console/requests/{id}/reply.html"), ("id", "download-reply-html"), ("download", string.Empty));
            html.Close("p");
        }
        else
        {
            html.Element("p", "Only officers may read the letter itself.", ("class", "why"));
        }

        html.Close("section");
    }

    /// <summary><c>GET /console/requests/{id}/reply</c>: the text of the reply, in the page.</summary>
    public static async Task HandleAsync(ConsoleApp app, HttpContext context, string id)
    {
        var found = await FindAsync(app, context, id, "txt");
        if (found is not { } reply)
        {
            return;
        }

        var html = app.Begin("Reply for " + id, reply.Session, "queue");
        html.Open("p").Element("a", "Back to the request", ("href", "/console/requests/" + Uri.EscapeDataString(id))).Text(" · ")
            .Element("a", "Download (text)", ("href", $"/console/requests/{Uri.EscapeDataString(id)}/reply.txt"), ("download", string.Empty)).Text(" · ")
            .Element("a", "Download (HTML)", ("href", $"/console/requests/{Uri.EscapeDataString(id)}/reply.html"), ("download", string.Empty)).Close("p");
        html.Element("pre", reply.Content, ("id", "reply-text"), ("class", "letter"), ("tabindex", "0"), ("aria-label", "The reply's text"));
        await Layout.WriteAsync(context, Layout.End(html));
    }

    /// <summary><c>GET /console/requests/{id}/reply.txt|.html</c>: the reply as a file to keep (never rendered here: a download).</summary>
    public static async Task DownloadAsync(ConsoleApp app, HttpContext context, string id, string format)
    {
        var found = await FindAsync(app, context, id, format);
        if (found is not { } reply)
        {
            return;
        }

        Layout.SecurityHeaders(context.Response);
        // The HTML letter is the controller's template output: downloaded, and sandboxed should a browser open it anyway.
        context.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'; style-src 'unsafe-inline'";
        context.Response.ContentType = format == "html" ? "text/html; charset=utf-8" : "text/plain; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"reply-{id}.{format}\"";
        await context.Response.WriteAsync(reply.Content, context.RequestAborted);
    }

    private static async Task<(ConsoleSession Session, string Content)?> FindAsync(ConsoleApp app, HttpContext context, string id, string format)
    {
        var session = await app.RequireAsync(context, s => s.IsOfficer);
        if (session is null)
        {
            return null;
        }

        var request = RequestIds.IsWellFormed(id) ? await app.Backend.Requests.GetAsync(id, context.RequestAborted) : null;
        var files = Delivered(app);
        var path = request is null || files is null ? null : format == "html" ? files.HtmlFile(id) : files.TextFile(id);
        if (path is null || !File.Exists(path))
        {
            await app.MessageAsync(context, session, StatusCodes.Status404NotFound, "Not found",
                request is null ? "There is no request with this id." : "No reply has been sent for this request yet: it is sent when the request closes or is refused.");
            return null;
        }

        return (session, await File.ReadAllTextAsync(path, context.RequestAborted));
    }

    /// <summary>The replies delivered locally (<c>$GDPR_HOME/replies</c>); null when the host delivers them elsewhere.</summary>
    private static FileReplyDelivery? Delivered(ConsoleApp app) => app.Backend.Host?.Services.Replies as FileReplyDelivery;
}
