using Gdpr.Workflows.Erasure.Services;
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
    /// <summary>The longest refusal detail the requester is sent.</summary>
    public const int RefusalDetailLimit = RefusalService.DetailLimit;

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
            await app.MessageAsync(context, session, StatusCodes.Status404NotFound, "Not found", "There is no request with this id.");
            return;
        }

        var page = "/console/requests/" + Uri.EscapeDataString(id);
        if (!ConsoleAction.Names.Contains(action))
        {
            await app.MessageAsync(context, session, StatusCodes.Status404NotFound, "Not found", "There is no such action.");
            return;
        }

        var fields = form.Keys.Where(k => k is not "confirm" and not ConsoleSessions.CsrfField).ToDictionary(k => k, k => form[k].ToString(), StringComparer.Ordinal);
        var problem = form["confirm"] != "yes" ? "Nothing was done: tick Confirm to confirm the action." : Problem(action, fields);
        var result = problem is null
            ? await app.Backend.Actions.RunAsync(new ConsoleAction(action, id, session.Name, fields), context.RequestAborted)
            : new ConsoleActionResult(false, problem);
        if (!result.Ok)
        {
            // Whatever was typed comes back in the form, so a refused action costs the officer nothing to correct.
            app.KeepDraft(session, id, action, fields);
        }

        app.Flash(session, result.Message, error: !result.Ok);
        context.Response.Redirect(page);
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
    }

    /// <summary>
    /// What is wrong with an action's form before it is sent anywhere, or null; the command (or the stack's API) checks
    /// everything again, this only says plainly what a form left out.
    /// </summary>
    public static string? Problem(string action, IReadOnlyDictionary<string, string> fields)
    {
        if (action != "refuse")
        {
            return null;
        }

        var reason = fields.TryGetValue("reason", out var r) ? r : string.Empty;
        var detail = (fields.TryGetValue("detail", out var d) ? d : string.Empty).Trim();
        return reason is not ("unfounded" or "excessive") ? "Nothing was done: choose whether the request is manifestly unfounded or manifestly excessive."
            : detail.Length == 0 ? "Nothing was done: write the detail the requester is sent (why the request is refused)."
            : detail.Length > RefusalDetailLimit ? $"Nothing was done: the detail is {detail.Length} characters; the requester may be sent at most {RefusalDetailLimit}."
            : null;
    }

    /// <summary>What the command printed first (its result, or its error without the hint lines).</summary>
    public static string FirstLine(string text, string fallback) => CliConsoleActions.FirstLine(text, fallback);
}
