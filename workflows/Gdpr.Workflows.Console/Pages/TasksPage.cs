using System.Security.Cryptography;
using System.Text;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Local;
using Gdpr.Workflows.WebConsole.Html;
using Microsoft.AspNetCore.Http;

namespace Gdpr.Workflows.WebConsole.Pages;

/// <summary>
/// <c>GET /console/tasks</c>: the erasure tasks waiting for an answer. A system's user sees only its own and answers
/// them (erased, not held, retained under a ground until a date, failed); officers and auditors see every system's,
/// read only. Task tokens never reach the page: a task is named by a hash of its token.
/// </summary>
public static class TasksPage
{
    public static async Task HandleAsync(ConsoleApp app, HttpContext context)
    {
        var session = await app.RequireAsync(context);
        if (session is null)
        {
            return;
        }

        if (app.Backend.Host is not { } host)
        {
            await DeployedAsync(app, context, session);
            return;
        }

        var tasks = host.Inbox.Open(session.IsSystem ? session.Principal.System : null);
        var html = app.Begin(session.IsSystem ? $"Erasure tasks for {session.Principal.System}" : "Erasure tasks", session, "tasks");
        app.WriteFlash(html, session);
        if (tasks.Count == 0)
        {
            html.Element("p", "No task waits for an answer.", ("class", "empty"), ("id", "no-tasks"));
        }

        html.Open("ul", ("class", "tasks"), ("id", "tasks"));
        foreach (var task in tasks)
        {
            var key = Key(task.TaskToken);
            html.Open("li", ("data-task", key), ("data-request-id", task.RequestId), ("class", "task"));
            html.Element("h2", $"Request {task.RequestId} · {task.System}");
            html.Element("p", $"Sent {Formats.Time(task.ReceivedAt)}; times out {Formats.Time(task.DueAt)}.");
            if (session.IsSystem)
            {
                AnswerForm(html, session, key);
            }

            html.Close("li");
        }

        html.Close("ul");
        await Layout.WriteAsync(context, Layout.End(html));
    }

    /// <summary>
    /// Against a deployed stack: every registry system's open tasks, read from the stack's TaskTokens table (the items
    /// its tasks topic delivered), read only: the systems answer through the stack's API (<c>POST /tasks/callback</c>).
    /// </summary>
    private static async Task DeployedAsync(ConsoleApp app, HttpContext context, Security.ConsoleSession session)
    {
        if (app.Backend.SystemTasks is not { } inbox || session.IsSystem)
        {
            await app.MessageAsync(context, session, StatusCodes.Status404NotFound, "Erasure tasks",
                "Against a deployed stack, systems receive their tasks by topic, queue or webhook and answer through the stack's API (POST /tasks/callback), not this console.");
            return;
        }

        var html = app.Begin("Erasure tasks", session, "tasks");
        app.WriteFlash(html, session);
        html.Element("p", "The tasks the stack's async systems have not answered yet, as its task inbox holds them. Systems answer through the stack's API (POST /tasks/callback); this page only shows them.", ("class", "why"));
        if (app.Backend.Registry is not { } registry)
        {
            html.Element("p", "The stack's systems are not known here, so their tasks cannot be listed: " + (app.Backend.RegistrySource ?? "no registry was read.")
                + " Restart gdpr serve --aws with --stage (the stack's stage, whose registry is in SSM) or --registry.", ("class", "error"), ("role", "alert"), ("id", "no-registry"));
            await Layout.WriteAsync(context, Layout.End(html));
            return;
        }

        var tasks = new List<SystemTask>();
        foreach (var system in registry.Systems)
        {
            tasks.AddRange(await inbox.OpenAsync(system.Name, context.RequestAborted));
        }

        if (tasks.Count == 0)
        {
            html.Element("p", "No task waits for an answer.", ("class", "empty"), ("id", "no-tasks"));
        }

        html.Open("ul", ("class", "tasks"), ("id", "tasks"));
        foreach (var task in tasks.OrderBy(t => t.DueAt))
        {
            html.Open("li", ("data-task", Key(task.Message.TaskToken)), ("data-request-id", task.Message.RequestId), ("data-system", task.System), ("class", "task"));
            html.Element("h2", $"Request {task.Message.RequestId} · {task.System}");
            html.Element("p", $"Sent {Formats.Time(task.ReceivedAt)}; times out {Formats.Time(task.DueAt)}.");
            html.Close("li");
        }

        html.Close("ul");
        await Layout.WriteAsync(context, Layout.End(html));
    }

    /// <summary><c>POST /console/tasks/answer</c>: a system answers one of its own tasks, as <c>gdpr task succeed|fail</c>.</summary>
    public static async Task AnswerAsync(ConsoleApp app, HttpContext context)
    {
        var posted = await app.RequirePostAsync(context, s => s.IsSystem);
        if (posted is not { } post)
        {
            return;
        }

        var (session, form) = post;
        if (app.Backend.Host is not { } host)
        {
            await app.MessageAsync(context, session, StatusCodes.Status404NotFound, "Erasure tasks", "Tasks are answered through the deployed stack's API, not this console.");
            return;
        }

        var key = form["task"].ToString();
        var task = host.Inbox.Open(session.Principal.System).FirstOrDefault(t => string.Equals(Key(t.TaskToken), key, StringComparison.Ordinal));
        if (task is null)
        {
            await app.MessageAsync(context, session, StatusCodes.Status404NotFound, "Not found", "This task is not one of yours waiting for an answer (it may have been answered already).");
            return;
        }

        var arguments = Arguments(form, task);
        if (arguments is null)
        {
            app.Flash(session, "Choose an answer: erased, not held, retained or failed.", error: true);
        }
        else
        {
            var result = await app.Backend.Cli.RunAsync(arguments, cancellationToken: context.RequestAborted);
            app.Flash(session, result.Ok ? RequestActions.FirstLine(result.Output, "Answered.") : RequestActions.FirstLine(result.Error, "The answer failed."), error: !result.Ok);
        }

        context.Response.Redirect("/console/tasks");
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
    }

    /// <summary>The command line of an answer; the token comes after <c>--</c>, every value as one <c>--option=value</c> token.</summary>
    public static List<string>? Arguments(IFormCollection form, InboxTask task)
    {
        string Value(string name) => form[name].ToString();
        List<string>? options = Value("outcome") switch
        {
            "erased" => ["task", "succeed", "--outcome=erased", "--reference=console"],
            "not-held" => ["task", "succeed", "--outcome=not-found", "--reference=console"],
            "retained" => ["task", "succeed", "--outcome=retained", "--reference=console", "--ground=" + Value("ground"), "--until=" + Value("until"), "--data=" + Value("data")],
            "failed" => Value("cause") is { Length: > 0 } cause
                ? ["task", "fail", "--error=" + FailureError(Value("error")), "--cause=" + cause]
                : ["task", "fail", "--error=" + FailureError(Value("error"))],
            _ => null,
        };
        return options is null ? null : [.. options, "--", task.TaskToken];
    }

    /// <summary>A task named without its token: the first 16 bytes of the token's SHA-256, hex.</summary>
    public static string Key(string taskToken) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(taskToken)).AsSpan(0, 16));

    private static string FailureError(string choice) => choice == "permanent" ? "Erasure.Failed" : "Erasure.TransientError";

    private static void AnswerForm(HtmlWriter html, Security.ConsoleSession session, string key)
    {
        html.Open("form", ("method", "post"), ("action", "/console/tasks/answer"), ("class", "answer"));
        Layout.Csrf(html, session);
        html.Void("input", ("type", "hidden"), ("name", "task"), ("value", key));
        html.Open("fieldset").Element("legend", "Answer");
        foreach (var (value, label) in new[] { ("erased", "Erased"), ("not-held", "Not held (no data about the subject)"), ("retained", "Retained under an Art. 17(3) ground"), ("failed", "Failed") })
        {
            var id = $"outcome-{value}-{key}";
            html.Open("span", ("class", "check"));
            html.Void("input", ("type", "radio"), ("name", "outcome"), ("value", value), ("id", id), ("required", string.Empty));
            html.Element("label", label, ("for", id));
            html.Close("span");
        }

        html.Close("fieldset");
        html.Open("fieldset", ("class", "retained")).Element("legend", "If retained");
        html.Element("label", "Ground", ("for", "ground-" + key));
        html.Open("select", ("id", "ground-" + key), ("name", "ground"));
        foreach (var ground in Enum.GetValues<RetentionGround>())
        {
            html.Element("option", $"{ground.Article()} {Formats.Words(ground.ToString()).ToLowerInvariant()}", ("value", ground.Letter().ToString()));
        }

        html.Close("select");
        html.Element("label", "Data kept", ("for", "data-" + key));
        html.Void("input", ("type", "text"), ("id", "data-" + key), ("name", "data"), ("maxlength", "200"), ("placeholder", "e.g. invoices"));
        html.Element("label", "Kept until", ("for", "until-" + key));
        html.Void("input", ("type", "date"), ("id", "until-" + key), ("name", "until"));
        html.Close("fieldset");
        html.Open("fieldset", ("class", "failed")).Element("legend", "If failed");
        html.Element("label", "Kind", ("for", "error-" + key));
        html.Open("select", ("id", "error-" + key), ("name", "error"));
        html.Element("option", "Try again later", ("value", "transient")).Element("option", "Cannot erase", ("value", "permanent"));
        html.Close("select");
        html.Element("label", "Cause (a code, e.g. system-down)", ("for", "cause-" + key));
        html.Void("input", ("type", "text"), ("id", "cause-" + key), ("name", "cause"), ("maxlength", "64"));
        html.Close("fieldset");
        html.Element("button", "Send the answer", ("type", "submit"));
        html.Close("form");
    }
}
