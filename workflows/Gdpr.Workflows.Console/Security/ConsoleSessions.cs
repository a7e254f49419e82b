using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Gdpr.Workflows.Local;
using Microsoft.AspNetCore.Http;

namespace Gdpr.Workflows.WebConsole.Security;

/// <summary>
/// Sessions behind an HttpOnly, SameSite=Strict cookie holding a random id (the server keeps the rest), and the
/// synchronizer token that protects every form against cross-site posts.
/// </summary>
public sealed class ConsoleSessions(TimeProvider time, TimeSpan idle, bool secure)
{
    public const string CookieName = "gdpr-console";

    public const string CsrfField = "_csrf";

    private readonly ConcurrentDictionary<string, (ConsoleSession Session, DateTimeOffset Expires)> sessions = new(StringComparer.Ordinal);

    /// <summary>Starts a session and sets its cookie on <paramref name="response"/>.</summary>
    public ConsoleSession Start(HttpResponse response, ApiPrincipal principal, string name)
    {
        var session = new ConsoleSession(SignInLinks.Base64Url(RandomNumberGenerator.GetBytes(32)), principal, name, SignInLinks.Base64Url(RandomNumberGenerator.GetBytes(32)));
        sessions[session.Id] = (session, time.GetUtcNow() + idle);
        response.Cookies.Append(CookieName, session.Id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = secure || response.HttpContext.Request.IsHttps,
            Path = "/",
            IsEssential = true,
        });
        return session;
    }

    /// <summary>The request's session, its idle time renewed; null when there is none or it expired.</summary>
    public ConsoleSession? Find(HttpRequest request)
    {
        if (!request.Cookies.TryGetValue(CookieName, out var id) || id is null || !sessions.TryGetValue(id, out var entry))
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (entry.Expires <= now)
        {
            sessions.TryRemove(id, out _);
            return null;
        }

        sessions[id] = (entry.Session, now + idle);
        return entry.Session;
    }

    public void End(HttpContext context, ConsoleSession session)
    {
        sessions.TryRemove(session.Id, out _);
        context.Response.Cookies.Delete(CookieName, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = secure, Path = "/" });
    }

    /// <summary>True when the posted form carries this session's token (compared in constant time).</summary>
    public static bool CsrfMatches(ConsoleSession session, string? posted) =>
        posted is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(posted), Encoding.ASCII.GetBytes(session.CsrfToken));
}
