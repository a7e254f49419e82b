using System.Diagnostics.CodeAnalysis;
using Gdpr.Workflows.Engine.Integrations;
using Gdpr.Workflows.Engine.Integrations.Messaging;
using Gdpr.Workflows.Engine.Persistence;

namespace Gdpr.Workflows.Engine.Api;

/// <summary>
/// An engine of its own for the API, with no workflow of this project: executions in <c>step-functions.db</c> and
/// the API's resource data in <c>step-functions-api.json</c> in a directory, running executions resumed at start.
/// Its one task integration is <c>arn:aws:states:::sqs:sendMessage</c> (and <c>.waitForTaskToken</c>) to local queues
/// created on first use, so a callback task waits for SendTaskSuccess; the token is in GetExecutionHistory's TaskScheduled parameters.
/// </summary>
public sealed class StandaloneEngine : IAsyncDisposable
{
    private StandaloneEngine(LocalStepFunctions engine, StepFunctionsApi api)
    {
        Engine = engine;
        Api = api;
    }

    public LocalStepFunctions Engine { get; }

    public StepFunctionsApi Api { get; }

    public static Task<StandaloneEngine> OpenAsync(string directory, string region = "us-east-1", CancellationToken ct = default) =>
        OpenAsync(directory, region, [], ct);

    /// <param name="integrations">Integrations tried before the local queues (e.g. Lambda or SNS on real endpoints).</param>
    public static async Task<StandaloneEngine> OpenAsync(string directory, string region, IEnumerable<ITaskIntegration> integrations, CancellationToken ct = default)
    {
        Directory.CreateDirectory(directory);
        var engine = new LocalStepFunctions(new LocalEngineOptions
        {
            Store = new SqliteExecutionStore(Path.Combine(directory, "step-functions.db")),
            Region = region,
        });
        foreach (var integration in integrations)
        {
            engine.Options.Integrations.Add(integration);
        }

        engine.Options.Integrations.Add(new SqsSendMessageIntegration(new QueuesOnFirstUse(new LocalQueueRegistry(region))));
        await engine.ResumeAsync(ct);
        return new StandaloneEngine(engine, new StepFunctionsApi(engine, ApiResources.Load(Path.Combine(directory, "step-functions-api.json"))));
    }

    public ValueTask DisposeAsync() => Engine.DisposeAsync();

    /// <summary>Any queue URL names a local queue, created when first sent to.</summary>
    private sealed class QueuesOnFirstUse(LocalQueueRegistry queues) : ILocalQueueRegistry
    {
        public IReadOnlyCollection<ILocalQueue> Queues => queues.Queues;

        public ILocalQueue CreateQueue(string name, string? url = null) => queues.CreateQueue(name, url);

        public bool TryGetQueue(string queueUrl, [NotNullWhen(true)] out ILocalQueue? queue)
        {
            if (!queues.TryGetQueue(queueUrl, out queue) && Uri.TryCreate(queueUrl, UriKind.Absolute, out var url) && url.Segments.Length > 1)
            {
                queue = queues.CreateQueue(url.Segments[^1].TrimEnd('/'), queueUrl);
            }

            return queue is not null;
        }
    }
}
