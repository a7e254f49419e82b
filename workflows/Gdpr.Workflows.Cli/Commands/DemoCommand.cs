using System.CommandLine;
using System.Globalization;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Output;
using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Local;
using Gdpr.Workflows.Samples;
using Gdpr.Workflows.Samples.SupportDesk;
using Spectre.Console;

namespace Gdpr.Workflows.Cli.Commands;

/// <summary>
/// <c>gdpr demo</c>: seeds the sample systems with generated customers, submits an erasure request for one, drives it
/// to the end on the local engine (verifying the identity as an officer, working through the support desk's task),
/// then prints the per-system outcome, the deadline and the verified audit chain. With --json its last line is
/// <c>{"requestId","status","systems":[{"name","outcome","ground"?,"until"?}],"auditVerified","subjectDataRemaining"}</c>.
/// </summary>
public sealed class DemoCommand
{
    private readonly Option<int> customers = new("--customers") { Description = "How many customers to generate in the sample systems.", DefaultValueFactory = _ => 200 };
    private readonly Option<int?> seed = new("--seed") { Description = "The seed of the generated data (default: a new one each run)." };

    public Command Build(RunCommand run)
    {
        var command = new Command("demo", "Run an erasure end to end on the local engine: seed the sample systems (orders, CRM, marketing, support desk, and a data lake: "
            + "the orders export in Parquet and a clickstream in JSON lines), erase one customer, "
            + "answer the support desk's task, and show the per-system outcome, the deadline and the verified audit chain.")
        {
            customers, seed,
        };
        command.SetAction((parse, ct) => run(parse, context => ExecuteAsync(context, ct), ct));
        return command;
    }

    private async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var count = context.Value(customers);
        if (count is < 1 or > 100_000)
        {
            throw CliException.BadInput($"--customers {count} is out of range.", "Give 1 to 100000.");
        }

        var output = context.Output;
        var installation = new SampleInstallation { WithLake = true };
        await using var host = await context.OpenLocalAsync(engine: true, cancellationToken, installation, resetSamples: true);
        var samples = installation.Require();
        var lake = installation.RequireLake();
        IReadOnlyList<ISampleSystem> everything = [.. samples.All, .. lake.All];
        var services = host.Services;
        var today = services.Deadlines.Day(services.Time.GetUtcNow());

        Say(context, $"Seeding {count} generated customers into the sample systems ({string.Join(", ", everything.Select(s => s.Name))})...");
        var seedValue = context.Value(seed) ?? Random.Shared.Next();
        var data = await samples.SeedDataAsync(count, seedValue, today, cancellationToken);
        await lake.SeedAsync(data, today, seedValue, cancellationToken);
        var customer = data.Customers[0];
        var subject = customer.Subject();
        var before = await CountRemainingAsync(everything, subject, cancellationToken);
        Say(context, $"Customer {customer.CustomerId} holds {before} records across the systems; they ask to be erased.");

        var intake = await services.Intake.SubmitAsync(new IntakeSubmission(customer.IntakeIdentifiers(), "web-form"), cancellationToken);
        var requestId = intake.RequestId;
        context.Log(requestId, $"submitted; workflow {intake.ExecutionId}");
        Say(context, $"Request {requestId} received; identity to be verified by {CliOutput.Date(intake.DueDate)}.");

        var drive = DriveAsync(context, host, samples, requestId, cancellationToken);
        if (output.IsTerminal)
        {
            await ShowProgressAsync(context, host, requestId, drive);
        }

        var execution = await drive;
        var view = await services.Status.GetAsync(requestId, cancellationToken);
        var chain = await services.Audit.VerifyAsync(requestId, cancellationToken: cancellationToken);
        var remaining = await CountRemainingAsync(everything, subject, cancellationToken);
        context.Log(requestId, $"workflow ended {execution.Status}; request {view.Status}");

        if (context.Json)
        {
            output.WriteJson(new
            {
                requestId,
                status = view.Status,
                systems = view.Systems.Select(s => new
                {
                    name = s.System,
                    outcome = Outcome(s.Status),
                    ground = s.RetentionGround,
                    until = s.RetainUntil is { } until ? CliOutput.Date(until) : null,
                }),
                auditVerified = chain.Ok,
                subjectDataRemaining = remaining,
                reply = ReplyCommand.ReadDelivered(host, requestId),
            });
            return view.Status is "Completed" or "CompletedWithExceptions" ? ExitCodes.Ok : ExitCodes.Internal;
        }

        output.Line();
        StatusCommand.Print(output, view);
        output.Line();
        output.Line(chain.Ok
            ? $"Audit chain verified: {chain.EventCount} events, each hash-linked to the one before."
            : $"AUDIT CHAIN BROKEN: {chain.Break?.Description}");
        output.Line($"Records of the customer still found in the sample systems (retained data excluded): {remaining} (were {before}).");
        output.Line($"See it again: gdpr status {requestId}; gdpr history --request {requestId}; gdpr audit verify --request {requestId}; gdpr reply {requestId}");
        output.Line();
        output.Line("The reply sent to the requester (Art. 12(3)/(4)), sent before the workflow's shred step:");
        output.Line();
        output.Line(ReplyCommand.ReadDelivered(host, requestId) ?? "(no reply was delivered: see 'gdpr history --request " + requestId + "')");
        return view.Status is "Completed" or "CompletedWithExceptions" ? ExitCodes.Ok : ExitCodes.Internal;
    }

    /// <summary>Plays the officer and the support desk until the workflow ends.</summary>
    private static async Task<ExecutionDescription> DriveAsync(CommandContext context, LocalHost host, Samples.SampleSystems samples, string requestId, CancellationToken cancellationToken)
    {
        var services = host.Services;
        var executionArn = ((LocalEngineWorkflow)services.Workflow).ExecutionArnOf(requestId);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(45));
        var ct = timeout.Token;

        // The officer verifies the identity once the workflow asks for it. The status turns AwaitingVerification when
        // the ledger records the start, a state before the workflow stores its task token; a decision in between is
        // refused ("not waiting for the identity decision yet"), so wait for the token itself.
        while ((await services.Status.GetAsync(requestId, ct)).Status != "AwaitingVerification"
            || await services.Stores.TaskTokens.GetAsync(requestId, TaskTokenPurposes.IdentityVerification, ct) is null)
        {
            await Task.Delay(50, ct);
        }

        await Task.Delay(300, ct); // let the verification request be seen in the progress view
        await services.TaskCallbacks.DecideIdentityAsync(requestId, verified: true, "id-document", context.Officer, ct);
        context.Log(requestId, "identity verified by the officer (id-document)");

        // The support desk works through its queue once the task has reached it; the lake worker runs a batch once the
        // lakes' tasks have arrived (gdpr serve runs one every 30 s).
        var subjects = new VaultSubjectSource(services.Vault);
        var finished = host.Engine!.WaitForCompletionAsync(executionArn, ct);
        while (!finished.IsCompleted)
        {
            if (host.Lakes is { HasPendingTasks: true } lakes)
            {
                foreach (var (system, result) in await lakes.RunBatchesAsync(cancellationToken: ct))
                {
                    context.Log(result.RequestId, $"{system} batch: {result.State} {result.Outcome} ({result.Reference}){(result.Cause is null ? string.Empty : ": " + result.Cause)}");
                }
            }

            if (await samples.SupportDesk.PendingTaskCountAsync(ct) > 0)
            {
                await Task.Delay(400, ct); // the desk takes a moment, so the wait shows
                foreach (var result in await samples.SupportDesk.ProcessPendingAsync(services.TaskCallbacks, subjects, ct))
                {
                    context.Log(result.RequestId, $"support desk answered its task: {result.State} {result.Outcome}");
                }
            }

            await Task.WhenAny(finished, Task.Delay(100, ct));
        }

        var execution = await finished;
        await host.SettleAsync(EngineRun.Quiet, EngineRun.Limit, cancellationToken);
        return execution;
    }

    private static async Task<int> CountRemainingAsync(IEnumerable<ISampleSystem> systems, Erasure.Subjects.SubjectIdentifiers subject, CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var system in systems)
        {
            total += await system.CountRemainingAsync(subject, cancellationToken);
        }

        return total;
    }

    private static async Task ShowProgressAsync(CommandContext context, LocalHost host, string requestId, Task drive)
    {
        var console = CliOutput.Console(context.Environment);
        await console.Live(new Table()).AutoClear(false).StartAsync(async live =>
        {
            while (true)
            {
                var view = await host.Services.Status.GetAsync(requestId);
                var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{requestId}[/]: {Markup.Escape(view.Status)}, deadline {CliOutput.Date(view.Deadline.DueDate)}");
                table.AddColumn("System").AddColumn("State").AddColumn("Attempts").AddColumn("Detail");
                foreach (var system in host.Services.Registry.Systems)
                {
                    var state = view.Systems.FirstOrDefault(s => s.System == system.Name);
                    var waiting = state is null && host.Inbox.Open(system.Name, requestId).Count > 0;
                    table.AddRow(
                        new Text(system.Name),
                        new Markup(Colour(state?.Status ?? (waiting ? "AwaitingCallback" : "Pending"))),
                        new Text(state?.Attempts.ToString(CultureInfo.InvariantCulture) ?? "0"),
                        new Text(state?.RetentionGround is { } ground ? $"{ground} until {CliOutput.Date(state.RetainUntil)}" : state?.LastError ?? (system.Lake is not null ? "data lake: erased in batches" : system.Mode == Erasure.Registry.ErasureMode.Async ? "async: answers by task" : string.Empty)));
                }

                live.UpdateTarget(table);
                if (drive.IsCompleted)
                {
                    break;
                }

                await Task.WhenAny(drive, Task.Delay(100));
            }
        });
    }

    private static string Colour(string state) => state switch
    {
        "Erased" or "NotFound" => $"[green]{state}[/]",
        "Retained" => $"[yellow]{state}[/]",
        "Failed" => $"[red]{state}[/]",
        _ => $"[grey]{state}[/]",
    };

    private static string Outcome(string status) => status switch
    {
        "Erased" => "erased",
        "NotFound" => "not_held",
        "Retained" => "retained",
        "Failed" => "failed",
        _ => status.ToLowerInvariant(),
    };

    private static void Say(CommandContext context, string line)
    {
        if (!context.Json)
        {
            context.Output.Line(line);
        }
    }
}
