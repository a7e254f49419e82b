using System.CommandLine;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Output;
using Gdpr.Workflows.Erasure.Services;

namespace Gdpr.Workflows.Cli.Commands;

/// <summary><c>gdpr pause</c> / <c>gdpr resume</c>: stop the deadline clock while clarification is awaited, and restart it.</summary>
public static class ClockCommands
{
    public static Command BuildPause(RunCommand run) => Build(
        run,
        "pause",
        "Stop the deadline clock while clarification is awaited from the requester (the days until it resumes do not count).",
        (services, id, officer, ct) => services.Deadline.PauseAsync(id, officer, ct),
        "clock stopped");

    public static Command BuildResume(RunCommand run) => Build(
        run,
        "resume",
        "Restart the deadline clock once the clarification arrived; the deadline moves by the days it was stopped.",
        (services, id, officer, ct) => services.Deadline.ResumeAsync(id, officer, ct),
        "clock restarted");

    private static Command Build(
        RunCommand run,
        string name,
        string description,
        Func<Local.LocalServices, string, string, CancellationToken, Task<RequestStatusView>> act,
        string done)
    {
        var id = new Argument<string>("id") { Description = "The request id." };
        var command = new Command(name, description) { id };
        command.SetAction((parse, ct) => run(parse, async context =>
        {
            var requestId = context.Value(id)!;
            await using var lease = await context.OpenForChangeAsync(engine: false, ct);
            var view = await act(lease.Host.Services, requestId, context.Officer, ct);
            context.Log(requestId, done);
            if (context.Json)
            {
                context.Output.WriteJson(new
                {
                    requestId = view.RequestId,
                    clockStopped = view.Deadline.ClockStopped,
                    deadline = view.Deadline.DueDate is { } due ? CliOutput.Date(due) : null,
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
