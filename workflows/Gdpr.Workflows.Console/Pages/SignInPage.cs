using System.Text.Json;
using Gdpr.Workflows.Local;
using Gdpr.Workflows.WebConsole.Html;
using Gdpr.Workflows.WebConsole.Security;
using Microsoft.AspNetCore.Http;

namespace Gdpr.Workflows.WebConsole.Pages;

/// <summary>Signing in with a one-time link, signing out, and issuing links to <c>gdpr console</c>.</summary>
public static class SignInPage
{
    /// <summary><c>GET /signin?code=...</c>: the code is taken (it never works again), a session starts, and the browser goes to <c>/</c>.</summary>
    public static async Task SignInAsync(ConsoleApp app, HttpContext context)
    {
        var redeemed = app.Links.Redeem(context.Request.Query["code"].ToString());
        if (redeemed is not { } who)
        {
            await app.MessageAsync(context, null, StatusCodes.Status401Unauthorized, "Sign in",
                $"This sign-in link does not work: it was used already, or it is older than {SignInLinks.Lifetime.TotalMinutes:0} minutes. Run 'gdpr console' for a fresh one.");
            return;
        }

        app.Sessions.Start(context.Response, who.Principal, who.Name);
        Layout.SecurityHeaders(context.Response);
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = who.Principal.Role == ApiRole.System ? "/console/tasks" : "/";
    }

    /// <summary><c>POST /console/signout</c>.</summary>
    public static async Task SignOutAsync(ConsoleApp app, HttpContext context)
    {
        var posted = await app.RequirePostAsync(context, _ => true);
        if (posted is not { } post)
        {
            return;
        }

        app.Sessions.End(context, post.Session);
        await app.MessageAsync(context, null, StatusCodes.Status200OK, "Signed out", "You are signed out. Run 'gdpr console' for a new sign-in link.");
    }

    /// <summary>
    /// <c>POST /console/links</c> with the officers' bearer token and <c>{"role": "officer|auditor|system:NAME", "name": "..."}</c>:
    /// <c>{"url": ".../signin?code=..."}</c>. This is how <c>gdpr console</c> gets a link from the running server.
    /// </summary>
    public static async Task LinkAsync(ConsoleApp app, HttpContext context)
    {
        Layout.SecurityHeaders(context.Response);
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        var caller = app.Options.Tokens.Authenticate(token);
        if (caller is null || caller.Role != ApiRole.Officer)
        {
            context.Response.StatusCode = caller is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(Error("unauthorized", "The officers' bearer token (api-token in the data directory) is required."), context.RequestAborted);
            return;
        }

        string? role;
        string? name;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            role = body.RootElement.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : "officer";
            name = body.RootElement.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(Error("invalid_json", "The body must be a JSON object: {\"role\": \"officer\", \"name\": \"...\"}."), context.RequestAborted);
            return;
        }

        if (app.Backend.IsDeployed && role is not null && role.StartsWith("system", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(Error("invalid_role", "Against a deployed stack the console has no system role: systems answer their tasks through the stack's API. Sign in as officer or auditor."), context.RequestAborted);
            return;
        }

        var principal = ConsoleRoles.Parse(role, app.SystemNames);
        if (principal is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(Error("invalid_role", "'role' must be officer, auditor or system:<name> of a registered system."), context.RequestAborted);
            return;
        }

        string path;
        try
        {
            path = app.SignInPath(principal, name ?? ConsoleRoles.Name(principal));
        }
        catch (ArgumentException e)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(Error("invalid_name", e.Message), context.RequestAborted);
            return;
        }

        var url = $"{context.Request.Scheme}://{context.Request.Host}{path}";
        await context.Response.WriteAsJsonAsync(new { url }, context.RequestAborted);
    }

    private static object Error(string code, string message) => new { error = new { code, message } };
}
