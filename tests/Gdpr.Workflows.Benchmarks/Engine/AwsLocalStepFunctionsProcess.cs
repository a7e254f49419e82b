using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Benchmarks.Engine;

/// <summary>
/// aws-local-stepfunctions-bench.mjs served under Node on the same reference definition and input: its output for
/// the reference input, then sequential stretches on request, so they can be interleaved with ours.
/// </summary>
internal sealed class AwsLocalStepFunctionsProcess : IAsyncDisposable
{
    public const string EngineName = "aws-local-stepfunctions";

    private static readonly TimeSpan ReplyAllowance = TimeSpan.FromSeconds(30);
    private readonly Process node;
    private readonly Task<string> stderr;
    private readonly string script;

    private AwsLocalStepFunctionsProcess(Process node, string script)
    {
        this.node = node;
        this.script = script;
        stderr = node.StandardError.ReadToEndAsync();
    }

    /// <summary>The execution output for the reference input.</summary>
    public JsonNode? Output { get; private set; }

    public static async Task<AwsLocalStepFunctionsProcess> StartAsync(string repositoryRoot, ReferenceWorkflow workflow)
    {
        var nodeModules = Path.Combine(repositoryRoot, "tools", "node_modules");
        if (!Directory.Exists(Path.Combine(nodeModules, EngineName)))
        {
            throw new BenchmarkSetupException($"{EngineName} is not installed in '{nodeModules}': run scripts/install-test-tools.sh");
        }

        var script = Path.Combine(Path.GetDirectoryName(workflow.DefinitionPath)!, "aws-local-stepfunctions-bench.mjs");
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, nodeModules, workflow.DefinitionPath, workflow.InputPath, "--serve" })
        {
            start.ArgumentList.Add(argument);
        }

        Process node;
        try
        {
            node = Process.Start(start) ?? throw new BenchmarkSetupException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new BenchmarkSetupException($"cannot run node ({ex.Message}): install Node.js 20 or later");
        }

        var process = new AwsLocalStepFunctionsProcess(node, script);
        process.Output = (await process.ReadReplyAsync(TimeSpan.Zero))["output"];
        return process;
    }

    /// <summary>Runs executions one after another for <paramref name="duration"/>.</summary>
    public async Task<Sample> RunAsync(TimeSpan duration)
    {
        await node.StandardInput.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"run {duration.TotalSeconds}"));
        await node.StandardInput.FlushAsync();
        var reply = await ReadReplyAsync(duration);
        return new Sample(reply["executions"]!.GetValue<long>(), reply["seconds"]!.GetValue<double>(), reply["cpuSeconds"]!.GetValue<double>(), null);
    }

    public async ValueTask DisposeAsync()
    {
        node.StandardInput.Close();
        using var limit = new CancellationTokenSource(ReplyAllowance);
        try
        {
            await node.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
        }

        node.Dispose();
    }

    private async Task<JsonNode> ReadReplyAsync(TimeSpan expected)
    {
        using var limit = new CancellationTokenSource(expected + ReplyAllowance);
        string? line;
        try
        {
            line = await node.StandardOutput.ReadLineAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            throw new BenchmarkSetupException($"{script} did not answer within {(expected + ReplyAllowance).TotalSeconds} s");
        }

        if (line is null)
        {
            await node.WaitForExitAsync();
            throw new BenchmarkSetupException($"{script} failed (exit {node.ExitCode}): {await stderr}");
        }

        return JsonNode.Parse(line) ?? throw new BenchmarkSetupException($"{script} answered '{line}'");
    }
}
