using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Integrations.Lambda;
using Gdpr.Workflows.Engine.Sam;

namespace Gdpr.Workflows.Local;

/// <summary>
/// Runs the template's daily schedules (e.g. RemindersFunction's <c>cron(0 8 * * ? *)</c> in Europe/London: the reminders,
/// the OverdueRequests metric and the retention follow-up) under <c>gdpr serve</c>, with the same handlers the deployed
/// functions run. A schedule runs once a day, at its time or at the first look after it (a host started at 10:00 runs the
/// 08:00 schedule then); a failed run is tried again at the next look, as EventBridge Scheduler's retry policy would.
/// </summary>
public sealed class DailySchedules : IDisposable
{
    /// <summary>How often the schedules are looked at: a run starts at most this late.</summary>
    public static readonly TimeSpan LookEvery = TimeSpan.FromMinutes(5);

    private readonly IReadOnlyList<SamSchedule> schedules;
    private readonly ILambdaFunctionRegistry functions;
    private readonly TimeProvider time;
    private readonly Action<string?, string>? log;
    private readonly Dictionary<SamSchedule, DateOnly> lastRun = [];
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private ITimer? timer;

    public DailySchedules(IReadOnlyList<SamSchedule> schedules, ILambdaFunctionRegistry functions, TimeProvider time, Action<string?, string>? log)
    {
        this.schedules = schedules;
        this.functions = functions;
        this.time = time;
        this.log = log;
    }

    /// <summary>Looks now and every <see cref="LookEvery"/> until disposed.</summary>
    public void Start() => timer = time.CreateTimer(_ => _ = LookAsync(stopping.Token), null, TimeSpan.Zero, LookEvery);

    /// <summary>Runs every schedule due and not yet run today; returns the schedules that ran successfully.</summary>
    public async Task<IReadOnlyList<SamSchedule>> LookAsync(CancellationToken cancellationToken)
    {
        var ran = new List<SamSchedule>();
        if (!await gate.WaitAsync(0, cancellationToken))
        {
            return ran; // The previous look is still running its schedules.
        }

        try
        {
            foreach (var schedule in schedules)
            {
                if (schedule.DueDay(time.GetUtcNow()) is not { } day || (lastRun.TryGetValue(schedule, out var last) && last >= day))
                {
                    continue;
                }

                try
                {
                    var function = functions.Resolve(schedule.FunctionArn);
                    var context = new LambdaInvocationContext(function.FunctionName, function.InvokedFunctionArn, function.ExecutedVersion, Guid.NewGuid().ToString(), "", schedule.EventName, 1, $"{schedule.FunctionLogicalId}/{day:yyyy-MM-dd}", null);
                    var answer = await function.Handler(new JsonObject(), context, cancellationToken);
                    lastRun[schedule] = day;
                    ran.Add(schedule);
                    log?.Invoke(null, $"schedule {schedule.FunctionLogicalId}.{schedule.EventName} ran for {day:yyyy-MM-dd}: {answer?.ToJsonString() ?? "null"}");
                }
#pragma warning disable CA1031 // A failed scheduled run is logged and tried again at the next look; it must not stop the host.
                catch (Exception failure) when (failure is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    log?.Invoke(null, $"schedule {schedule.FunctionLogicalId}.{schedule.EventName} failed ({failure.GetType().Name}: {failure.Message}); trying again in {LookEvery.TotalMinutes:0} minutes");
                }
            }
        }
        finally
        {
            gate.Release();
        }

        return ran;
    }

    /// <summary>Stops looking, cancels a run in progress and waits for it (a cancelled run is repeated at the next start).</summary>
    public void Dispose()
    {
        timer?.Dispose();
        stopping.Cancel();
        if (gate.Wait(TimeSpan.FromSeconds(10)))
        {
            gate.Dispose();
        }

        stopping.Dispose();
    }
}
