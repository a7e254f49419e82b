using Gdpr.Workflows.WebConsole.Html;
using Gdpr.Workflows.WebConsole.Queue;
using Microsoft.AspNetCore.Http;

namespace Gdpr.Workflows.WebConsole.Pages;

/// <summary>
/// <c>POST /console/requests/{id}/actions/{action}</c>: an officer's action, confirmed, run as the same <c>gdpr</c>
/// command a terminal would run (verify, extend, pause, resume, cancel, retry) with the officer's name recorded.
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

        var arguments = Arguments(action, id, form);
        if (arguments is null)
        {
            await Layout.MessageAsync(context, session, StatusCodes.Status404NotFound, "Not found", "There is no such action.");
            return;
        }

        arguments.Add("--officer=" + session.Name);
        var result = await app.Options.Cli.RunAsync(arguments, cancellationToken: context.RequestAborted);
        app.Flash(session, result.Ok ? FirstLine(result.Output, "Done.") : FirstLine(result.Error, "The action failed."), error: !result.Ok);
        context.Response.Redirect(page);
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
    }

    /// <summary>
    /// The command line of an action. Values always travel as <c>--option=value</c> (one token), so nothing typed into
    /// a form can become an option or a response file; the id was checked to start with a letter or digit.
    /// </summary>
    public static List<string>? Arguments(string action, string id, IFormCollection form)
    {
        string Value(string name) => form[name].ToString();
        return action switch
        {
            "verify" => ["verify", id, "--method=" + Value("method")],
            "reject" => ["verify", id, "--reject", "--reason=" + Value("reason")],
            "extend" => Value("detail") is { Length: > 0 } detail
                ? ["extend", id, "--months=" + Value("months"), "--reason=" + Value("reason"), "--detail=" + detail]
                : ["extend", id, "--months=" + Value("months"), "--reason=" + Value("reason")],
            "pause" => ["pause", id],
            "resume" => ["resume", id],
            "cancel" => ["cancel", id, "--reason=" + Value("reason")],
            "retry" => Value("system") is { Length: > 0 } system ? ["retry", id, "--system=" + system] : ["retry", id],
            _ => null,
        };
    }

    /// <summary>What the command printed first (its result, or its error without the hint lines).</summary>
    public static string FirstLine(string text, string fallback)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return string.IsNullOrEmpty(line) ? fallback : line;
    }
}
