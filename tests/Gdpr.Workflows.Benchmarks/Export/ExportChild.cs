using System.Diagnostics;
using System.Text.Json;
using Gdpr.Workflows.Cli;
using Gdpr.Workflows.Cli.Infrastructure;

namespace Gdpr.Workflows.Benchmarks.Export;

/// <summary>
/// The child process of the export benchmark: runs <c>gdpr export</c> in-process on a filled data directory while a
/// sampler records the largest GC heap, then prints its figures as one JSON line.
/// </summary>
internal static class ExportChild
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(string home, string format, string output, string from, string to)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new CliEnvironment { Out = stdout, Error = stderr, IsTerminal = false };
        long peakHeap = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
                try
                {
                    await Task.Delay(5, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var code = await GdprCli.RunAsync(["export", "--format", format, "--from", from, "--to", to, "--output", output, "--home", home, "--json"], environment);
        var seconds = clock.Elapsed.TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        await stop.CancelAsync();
        await sampler;
        if (code != 0)
        {
            await Console.Error.WriteLineAsync($"gdpr export exited {code}: {stderr}{stdout}");
            return code;
        }

        var summary = JsonDocument.Parse(stdout.ToString().Trim().Split('\n')[^1]).RootElement;
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var figure = new ExportFigure(format, summary.GetProperty("events").GetInt64(), seconds, new FileInfo(output).Length, self.PeakWorkingSet64, peakHeap, allocated);
        Console.WriteLine(JsonSerializer.Serialize(figure, Json));
        return 0;
    }
}
