using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Benchmarks.Engine;

/// <summary>
/// Runs aws-local-stepfunctions-bench.mjs under Node on the same reference definition and input: its sequential
/// executions per second and its output for the reference input.
/// </summary>
internal static class AwsLocalStepFunctionsRunner
{
    public const string EngineName = "aws-local-stepfunctions";

    public static async Task<(Figure Figure, JsonNode? Output)> MeasureAsync(string repositoryRoot, ReferenceWorkflow workflow, TimeSpan warmup, TimeSpan duration)
    {
        var nodeModules = Path.Combine(repositoryRoot, "tools", "node_modules");
        if (!Directory.Exists(Path.Combine(nodeModules, EngineName)))
        {
            throw new BenchmarkSetupException($"{EngineName} is not installed in '{nodeModules}': run scripts/install-test-tools.sh");
        }

        var script = Path.Combine(Path.GetDirectoryName(workflow.DefinitionPath)!, "aws-local-stepfunctions-bench.mjs");
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, nodeModules, workflow.DefinitionPath, workflow.InputPath, Seconds(warmup), Seconds(duration) })
        {
            start.ArgumentList.Add(argument);
        }

        using var node = StartNode(start);
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        var allowed = warmup + duration + TimeSpan.FromMinutes(1);
        using var limit = new CancellationTokenSource(allowed);
        try
        {
            await node.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw new BenchmarkSetupException($"{script} did not finish within {allowed.TotalSeconds} s");
        }

        var lastLine = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (node.ExitCode != 0 || lastLine is null)
        {
            throw new BenchmarkSetupException($"{script} failed (exit {node.ExitCode}): {await stderr}");
        }

        var report = JsonNode.Parse(lastLine)!;
        var figure = new Figure(EngineName, "sequential", "memory", report["executions"]!.GetValue<long>(), report["seconds"]!.GetValue<double>(), null);
        return (figure, report["output"]);
    }

    private static Process StartNode(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new BenchmarkSetupException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new BenchmarkSetupException($"cannot run node ({ex.Message}): install Node.js 20 or later");
        }
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString(CultureInfo.InvariantCulture);
}
