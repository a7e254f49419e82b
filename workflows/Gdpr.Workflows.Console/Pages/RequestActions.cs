using Gdpr.Workflows.WebConsole.Backends;
using Gdpr.Workflows.WebConsole.Html;
using Gdpr.Workflows.WebConsole.Queue;
using Gdpr.Workflows.WebConsole.Security;
using Microsoft.AspNetCore.Http;

namespace Gdpr.Workflows.WebConsole.Pages;

/// <summary>
/// <c>POST /console/requests/{id}/actions/{action}</c>: an officer's action, confirmed, carried out by the backend's
/// <see cref="IConsoleActions"/> (locally the same <c>gdpr</c> command a terminal would run, with the officer's name
/// recorded; against a deployed stack its HTTP API, signed with the officer's AWS credentials).
/// Auditors and systems are refused (403) whatever they post.
/// </summary>
public static class RequestActions
{
    public static async Task HandleAsync(ConsoleApp app, HttpContext context, string id, string action)
    {
        var posted = await app.RequirePostAsync(context, s => s.IsOfficer);
        if (posted is not { } post)
        {
            return;
        }

        var (session, form) = post;
        if (!RequestIds.IsWellFormed(id))
        {
            await Layout.MessageAsync(context, session, StatusCodes.Status404NotFound, "Not found", "There is no request with this id.");
            return;
        }

        var page = "/console/requests/" + Uri.EscapeDataString(id);
        if (form["confirm"] != "yes")
        {
            app.Flash(session, "Nothing was done: tick Confirm to confirm the action.", error: true);
            context.Response.Redirect(page);
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            return;
        }

        if (!ConsoleAction.Names.Contains(action))
        {
            await Layout.MessageAsync(context, session, StatusCodes.Status404NotFound, "Not found", "There is no such action.");
            return;
        }

        var fields = form.Keys.Where(k => k is not "confirm" and not ConsoleSessions.CsrfField).ToDictionary(k => k, k => form[k].ToString(), StringComparer.Ordinal);
        var result = await app.Backend.Actions.RunAsync(new ConsoleAction(action, id, session.Name, fields), context.RequestAborted);
        app.Flash(session, result.Message, error: !result.Ok);
        context.Response.Redirect(page);
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
    }

    /// <summary>What the command printed first (its result, or its error without the hint lines).</summary>
    public static string FirstLine(string text, string fallback) => CliConsoleActions.FirstLine(text, fallback);
}
