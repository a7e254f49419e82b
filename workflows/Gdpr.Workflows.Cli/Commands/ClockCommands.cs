using System.CommandLine;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Output;
using Gdpr.Workflows.Erasure.Services;

namespace Gdpr.Workflows.Cli.Commands;

/// <summary>
/// <c>gdpr pause &lt;id&gt; --reason R [--asked-on DATE]</c> / <c>gdpr resume &lt;id&gt; [--answered-on DATE]</c>: stop the
/// deadline clock while clarification is awaited, and restart it. UK GDPR Art. 12A allows this for access requests only,
/// so for an erasure request pause is refused (exit 4) unless the data directory's setting clarificationPause is
/// any-request (docs/law.md).
/// </summary>
public static class ClockCommands
{
    public static Command BuildPause(RunCommand run)
    {
        var id = new Argument<string>("id") { Description = "The request id." };
        var reason = new Option<string?>("--reason") { Description = "What clarification was asked for (a short sentence, no personal data).", HelpName = "text" };
        var askedOn = new Option<string?>("--asked-on") { Description = "The day clarification was asked for (default today).", HelpName = "YYYY-MM-DD" };
        return Build(
            run,
            new Command("pause", "Stop the deadline clock while clarification is awaited (only where Art. 12A allows it: access requests, or the setting clarificationPause=any-request).") { id, reason, askedOn },
            id,
            (context, services, requestId, ct) => services.Deadline.PauseAsync(
                requestId,
                context.Value(reason) ?? "clarification",
                context.Value(askedOn) is { } text ? Arguments.Day(text, "--asked-on") : null,
                context.Officer,
                ct),
            "clock stopped");
    }

    public static Command BuildResume(RunCommand run)
    {
        var id = new Argument<string>("id") { Description = "The request id." };
        var answeredOn = new Option<string?>("--answered-on") { Description = "The day the clarification arrived (default today); it and the day it was asked do not count.", HelpName = "YYYY-MM-DD" };
        return Build(
            run,
            new Command("resume", "Restart the deadline clock once the clarification arrived; the deadline moves by the days it was stopped, both ends included.") { id, answeredOn },
            id,
            (context, services, requestId, ct) => services.Deadline.ResumeAsync(
                requestId,
                context.Value(answeredOn) is { } text ? Arguments.Day(text, "--answered-on") : null,
                context.Officer,
                ct),
            "clock restarted");
    }

    private static Command Build(
        RunCommand run,
        Command command,
        Argument<string> id,
        Func<CommandContext, Local.Composition.LocalServices, string, CancellationToken, Task<RequestStatusView>> act,
        string done)
    {
        command.SetAction((parse, ct) => run(parse, async context =>
        {
            var requestId = context.Value(id)!;
            await using var lease = await context.OpenForChangeAsync(engine: false, ct);
            var view = await act(context, lease.Host.Services, requestId, ct);
            context.Log(requestId, done);
            var pause = view.Deadline.Pauses.Count == 0 ? null : view.Deadline.Pauses[^1];
            if (context.Json)
            {
                context.Output.WriteJson(new
                {
                    requestId = view.RequestId,
                    clockStopped = view.Deadline.ClockStopped,
                    deadline = view.Deadline.DueDate is { } due ? CliOutput.Date(due) : null,
                    askedOn = pause is null ? null : CliOutput.Date(pause.From),
                    answeredOn = pause?.Until is { } until ? CliOutput.Date(until) : null,
                    reason = pause?.Reason,
                    pausedDays = view.Deadline.Pauses.Sum(p => p.Days),
                });
            }
            else
            {
                context.Output.Line(view.Deadline.ClockStopped
                    ? $"Request {view.RequestId}: {done}; no deadline until it resumes."
                    : $"Request {view.RequestId}: {done}; deadline {CliOutput.Date(view.Deadline.DueDate)}.");
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }
}
