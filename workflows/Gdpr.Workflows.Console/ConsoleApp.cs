using System.Collections.Concurrent;
using Gdpr.Workflows.Local;
using Gdpr.Workflows.WebConsole.Backends;
using Gdpr.Workflows.WebConsole.Html;
using Gdpr.Workflows.WebConsole.Queue;
using Gdpr.Workflows.WebConsole.Security;
using Microsoft.AspNetCore.Http;

namespace Gdpr.Workflows.WebConsole;

/// <summary>The console's state in the running server: sessions, sign-in codes, the queue query and one-shot messages.</summary>
public sealed class ConsoleApp
{
    private readonly ConcurrentDictionary<string, (string Text, bool Error)> flashes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string RequestId, string Action, IReadOnlyDictionary<string, string> Fields)> drafts = new(StringComparer.Ordinal);

    public ConsoleApp(ConsoleOptions options)
    {
        Options = options;
        Sessions = new ConsoleSessions(options.Time, options.SessionIdle, options.Https);
        Links = new SignInLinks(options.Time);
        Backend = options.Backend ?? ConsoleBackend.Local(options.Host ?? throw new ArgumentException("Give the console a Host or a Backend.", nameof(options)), options.Cli);
        Queue = new QueueQuery(Backend.Requests, Backend.Hasher, Backend.HasherUnavailable);
    }

    public ConsoleOptions Options { get; }

    /// <summary>What the pages read and act on (the local host, or a deployed stack).</summary>
    public ConsoleBackend Backend { get; }

    public ConsoleSessions Sessions { get; }

    public SignInLinks Links { get; }

    public QueueQuery Queue { get; }

    public IReadOnlyList<string> SystemNames => Backend.Registry?.Systems.Select(s => s.Name).ToList() ?? [];

    public DateOnly Today => Backend.Deadlines.Day(Options.Time.GetUtcNow());

    /// <summary>A one-time sign-in path (<c>/signin?code=...</c>) for <paramref name="principal"/> as <paramref name="name"/>.</summary>
    public string SignInPath(ApiPrincipal principal, string name) => "/signin?code=" + Links.Issue(principal, DisplayName(name));

    /// <summary>The name shown and recorded: trimmed, at most 64 characters, no control or formatting characters.</summary>
    public static string DisplayName(string? name)
    {
        var text = (name ?? string.Empty).Trim();
        if (text.Length is 0 or > 64 || text.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format))
        {
            throw new ArgumentException("A display name is 1 to 64 characters without control or formatting characters.", nameof(name));
        }

        return text;
    }

    /// <summary>The session of the request when its role is allowed; otherwise answers 401/403 and returns null.</summary>
    public async Task<ConsoleSession?> RequireAsync(HttpContext context, Func<ConsoleSession, bool>? allowed = null)
    {
        var session = Sessions.Find(context.Request);
        if (session is null)
        {
            await MessageAsync(context, null, StatusCodes.Status401Unauthorized, "Sign in",
                "You are not signed in. Ask for a sign-in link with 'gdpr console' (it prints a fresh one while gdpr serve runs) and open it.");
            return null;
        }

        if (allowed is not null && !allowed(session))
        {
            await MessageAsync(context, session, StatusCodes.Status403Forbidden, "Not allowed",
                $"Your role ({session.RoleName}) may not do this.");
            return null;
        }

        return session;
    }

    /// <summary>For a POST: the session, its role allowed and the form's anti-forgery token checked (403 otherwise).</summary>
    public async Task<(ConsoleSession Session, IFormCollection Form)?> RequirePostAsync(HttpContext context, Func<ConsoleSession, bool> allowed)
    {
        var session = await RequireAsync(context);
        if (session is null)
        {
            return null;
        }

        IFormCollection form;
        try
        {
            form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : FormCollection.Empty;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            await MessageAsync(context, session, StatusCodes.Status400BadRequest, "Bad form", "The form could not be read.");
            return null;
        }

        if (!ConsoleSessions.CsrfMatches(session, form[ConsoleSessions.CsrfField].ToString()))
        {
            await MessageAsync(context, session, StatusCodes.Status403Forbidden, "Refused",
                "The form's anti-forgery token is missing or wrong. Reload the page and try again.");
            return null;
        }

        if (!allowed(session))
        {
            await MessageAsync(context, session, StatusCodes.Status403Forbidden, "Not allowed", $"Your role ({session.RoleName}) may not do this.");
            return null;
        }

        return (session, form);
    }

    /// <summary>Against a deployed stack, the banner every page carries (which stack); null locally.</summary>
    public string? Banner => Backend.Stack?.Describe(Backend.RegistrySource);

    /// <summary>Starts a page (<see cref="Layout.Begin"/>) with the deployed stack's banner when there is one.</summary>
    public HtmlWriter Begin(string title, ConsoleSession? session, string? current = null) => Layout.Begin(title, session, current, Banner);

    /// <summary>A page that only says something (<see cref="Layout.MessageAsync"/>), with the deployed stack's banner when there is one.</summary>
    public Task MessageAsync(HttpContext context, ConsoleSession? session, int status, string title, string message) =>
        Layout.MessageAsync(context, session, status, title, message, Banner);

    /// <summary>Keeps what an officer typed into a form that was refused, for the request page to show it back (nothing typed is lost).</summary>
    public void KeepDraft(ConsoleSession session, string requestId, string action, IReadOnlyDictionary<string, string> fields) =>
        drafts[session.Id] = (requestId, action, fields);

    /// <summary>The draft kept for <paramref name="requestId"/>'s page, taken once; null when there is none.</summary>
    public (string Action, IReadOnlyDictionary<string, string> Fields)? TakeDraft(ConsoleSession session, string requestId) =>
        drafts.TryRemove(session.Id, out var draft) && string.Equals(draft.RequestId, requestId, StringComparison.Ordinal) ? (draft.Action, draft.Fields) : null;

    /// <summary>Leaves a message for the session's next page (after a redirect).</summary>
    public void Flash(ConsoleSession session, string text, bool error) => flashes[session.Id] = (text, error);

    public (string Text, bool Error)? TakeFlash(ConsoleSession session) => flashes.TryRemove(session.Id, out var flash) ? flash : null;

    /// <summary>Writes the flash message, if any, at the top of a page.</summary>
    public void WriteFlash(HtmlWriter html, ConsoleSession session)
    {
        if (TakeFlash(session) is { } flash)
        {
            html.Element("p", flash.Text, ("class", flash.Error ? "flash error" : "flash ok"), ("role", flash.Error ? "alert" : "status"), ("id", "flash"));
        }
    }
}
