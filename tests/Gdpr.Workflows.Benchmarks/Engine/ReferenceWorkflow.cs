using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine;
using Gdpr.Workflows.Engine.Integrations;
using Gdpr.Workflows.Engine.Persistence;

namespace Gdpr.Workflows.Benchmarks.Engine;

/// <summary>
/// The benchmark's reference definition and input (files beside this one, shared with the Node side) and the
/// in-process Lambda both engines bind its Task to.
/// </summary>
internal sealed class ReferenceWorkflow
{
    public const string EraseLambdaArn = "arn:aws:lambda:us-east-1:123456789012:function:erase";

    private const string Folder = "tests/Gdpr.Workflows.Benchmarks/Engine";

    private ReferenceWorkflow(string definitionPath, string inputPath)
    {
        DefinitionPath = definitionPath;
        InputPath = inputPath;
        Definition = File.ReadAllText(definitionPath);
        Input = JsonNode.Parse(File.ReadAllText(inputPath))!.ToJsonString();
    }

    public string DefinitionPath { get; }

    public string InputPath { get; }

    public string Definition { get; }

    /// <summary>The execution input, minified.</summary>
    public string Input { get; }

    public static ReferenceWorkflow Load(string repositoryRoot)
    {
        var folder = Path.Combine(repositoryRoot, Folder);
        var definition = Path.Combine(folder, "reference.asl.json");
        var input = Path.Combine(folder, "reference.input.json");
        return File.Exists(definition) && File.Exists(input)
            ? new ReferenceWorkflow(definition, input)
            : throw new BenchmarkSetupException($"reference definition or input missing in '{folder}'");
    }

    /// <summary>An engine on <paramref name="store"/> whose retry delays cost no wall time, with the Lambda bound.</summary>
    public static LocalStepFunctions CreateEngine(IExecutionStore store)
    {
        var engine = new LocalStepFunctions(new LocalEngineOptions { Store = store, TimeProvider = new SkipAheadTimeProvider() });
        engine.Options.Integrations.Add(new DelegateTaskIntegration(EraseLambdaArn, EraseAsync));
        return engine;
    }

    /// <summary>The Lambda: fails with TransientError on the first attempt of each execution, then succeeds.</summary>
    private static Task<JsonNode?> EraseAsync(TaskInvocation invocation, CancellationToken ct)
    {
        if (invocation.Attempt == 0)
        {
            throw new TaskFailedException("TransientError", "database busy");
        }

        var parameters = invocation.Parameters;
        return Task.FromResult<JsonNode?>(new JsonObject
        {
            ["requestId"] = parameters?["requestId"]?.DeepClone(),
            ["erased"] = (parameters?["systems"] as JsonArray)?.Count ?? 0,
            ["attempts"] = invocation.Attempt + 1,
        });
    }
}
