using Gdpr.Workflows.WebConsole.Assets;
using Gdpr.Workflows.WebConsole.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gdpr.Workflows.WebConsole;

/// <summary>Registers the console on an ASP.NET Core app: <c>GET /</c>, <c>/signin</c>, <c>/console/*</c> and <c>/assets/*</c>.</summary>
public static class ConsoleEndpoints
{
    /// <summary>Maps every console route and returns the console (to issue the first sign-in link).</summary>
    public static ConsoleApp MapConsole(this IEndpointRouteBuilder endpoints, ConsoleOptions options)
    {
        var app = new ConsoleApp(options);
        endpoints.MapGet("/", context => QueuePage.HandleAsync(app, context));
        endpoints.MapGet("/signin", context => SignInPage.SignInAsync(app, context));
        endpoints.MapPost("/console/signout", context => SignInPage.SignOutAsync(app, context));
        endpoints.MapPost("/console/links", context => SignInPage.LinkAsync(app, context));
        endpoints.MapGet("/console/queue.csv", context => QueuePage.CsvAsync(app, context));
        endpoints.MapGet("/console/requests/{id}", (HttpContext context, string id) => RequestPage.HandleAsync(app, context, id));
        endpoints.MapGet("/console/requests/{id}/live", (HttpContext context, string id) => RequestPage.LiveAsync(app, context, id));
        endpoints.MapPost("/console/requests/{id}/actions/{action}", (HttpContext context, string id, string action) => RequestActions.HandleAsync(app, context, id, action));
        endpoints.MapGet("/console/tasks", context => TasksPage.HandleAsync(app, context));
        endpoints.MapPost("/console/tasks/answer", context => TasksPage.AnswerAsync(app, context));
        endpoints.MapGet("/console/audit", context => AuditPage.HandleAsync(app, context));
        endpoints.MapGet("/console/audit/verify", context => AuditPage.VerifyAllAsync(app, context));
        endpoints.MapGet("/console/audit/export", context => AuditPage.ExportAsync(app, context));
        endpoints.MapGet("/console/report", context => ReportPage.HandleAsync(app, context));
        endpoints.MapGet("/assets/{name}", (HttpContext context, string name) => ConsoleAssets.HandleAsync(context, name));
        return app;
    }
}
