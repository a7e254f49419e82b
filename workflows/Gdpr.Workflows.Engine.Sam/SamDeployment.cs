using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Integrations.Lambda;
using Gdpr.Workflows.Engine.Integrations.Messaging;
using Gdpr.Workflows.Engine.Language;

namespace Gdpr.Workflows.Engine.Sam;

/// <summary>An in-process Lambda handler: the C# code a template function runs locally.</summary>
public delegate Task<JsonNode?> LocalLambdaHandler(JsonNode? payload, LambdaInvocationContext context, CancellationToken cancellationToken);

/// <summary>
/// "Deploys" a SAM template onto a local engine, the way <c>sam deploy</c> would onto AWS: each function ARN is
/// bound to the in-process handler the template names (<see cref="SamFunction.LocalHandler"/>), each SNS topic
/// becomes a local topic, and each state machine is created with its substitutions applied. Every Task of every
/// state machine must reach a bound function or a declared topic, or deployment fails naming the state and ARN.
/// </summary>
public sealed class SamDeployment
{
    private SamDeployment(LambdaFunctionRegistry functions, LocalTopicRegistry topics, IReadOnlyDictionary<string, string> stateMachines)
    {
        Functions = functions;
        Topics = topics;
        StateMachineArns = stateMachines;
    }

    public LambdaFunctionRegistry Functions { get; }

    public LocalTopicRegistry Topics { get; }

    /// <summary>State machine ARN by the template's logical id.</summary>
    public IReadOnlyDictionary<string, string> StateMachineArns { get; }

    /// <param name="handlers">Handlers by local handler name (see <see cref="SamFunction.LocalHandler"/>).</param>
    public static SamDeployment Deploy(LocalStepFunctions engine, SamTemplate template, IReadOnlyDictionary<string, LocalLambdaHandler> handlers)
    {
        var options = engine.Options;
        var functions = new LambdaFunctionRegistry(options.Region, options.AccountId);
        foreach (var function in template.Functions.Values)
        {
            if (function.LocalHandler is { } name && handlers.TryGetValue(name, out var handler))
            {
                functions.Register(function.Arn, (payload, context, ct) => handler(payload, context, ct));
            }
        }

        var topics = new LocalTopicRegistry(options.Region, options.AccountId, timeProvider: options.TimeProvider);
        foreach (var resource in template.Resources.Values.Where(r => r.Type == "AWS::SNS::Topic" && r.IsCreated))
        {
            var arn = template.Resolve(new JsonObject { ["Ref"] = resource.LogicalId })?.GetValue<string>()
                ?? throw new SamTemplateException(template.TemplatePath, resource.Line, $"topic '{resource.LogicalId}' has no ARN");
            topics.CreateTopic(arn[(arn.LastIndexOf(':') + 1)..]);
        }

        options.Integrations.Add(new LambdaIntegration(functions, options.TimeProvider));
        options.Integrations.Add(new SnsPublishIntegration(topics, options.TimeProvider));

        var machines = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var machine in template.StateMachines.Values)
        {
            var definition = StateMachineDefinition.Parse(machine.DefinitionJson);
            CheckBindings(machine, definition, functions, topics, template);
            machines[machine.LogicalId] = engine.CreateStateMachine(machine.Name, machine.DefinitionJson, machine.Type);
        }

        return new SamDeployment(functions, topics, machines);
    }

    private static void CheckBindings(SamStateMachine machine, StateMachineDefinition definition, LambdaFunctionRegistry functions, LocalTopicRegistry topics, SamTemplate template)
    {
        foreach (var state in definition.States.Values)
        {
            switch (state)
            {
                case ParallelStateDefinition parallel:
                    foreach (var branch in parallel.Branches)
                    {
                        CheckBindings(machine, branch, functions, topics, template);
                    }

                    break;
                case MapStateDefinition map:
                    CheckBindings(machine, map.Processor, functions, topics, template);
                    break;
                case TaskStateDefinition task:
                    CheckTask(machine, task, functions, topics, template);
                    break;
            }
        }
    }

    private static void CheckTask(SamStateMachine machine, TaskStateDefinition task, LambdaFunctionRegistry functions, LocalTopicRegistry topics, SamTemplate template)
    {
        var resource = task.Resource.Replace(".waitForTaskToken", string.Empty, StringComparison.Ordinal);
        string? function = resource.StartsWith("arn:aws:lambda:", StringComparison.Ordinal) ? resource
            : resource == "arn:aws:states:::lambda:invoke" ? StaticParameter(task, "FunctionName")
            : null;
        if (function is not null && !functions.TryResolve(function, out _))
        {
            var declared = FunctionBindings.For(template).TryFind(function, out var samFunction) ? samFunction : null;
            throw new FunctionBindingException(function, task.Name, declared is null
                ? $"State machine '{machine.LogicalId}', state '{task.Name}': function '{function}' is not declared in {template.TemplatePath}."
                : $"State machine '{machine.LogicalId}', state '{task.Name}': function '{declared.LogicalId}' ({function}) has no local handler named '{declared.LocalHandler}'.");
        }

        if (resource == "arn:aws:states:::sns:publish" && StaticParameter(task, "TopicArn") is { } topic && !topics.TryGetTopic(topic, out _))
        {
            throw new FunctionBindingException(topic, task.Name, $"State machine '{machine.LogicalId}', state '{task.Name}': topic '{topic}' is not declared in {template.TemplatePath}.");
        }
    }

    /// <summary>A parameter given as a literal (a <c>.$</c> one is only known at run time).</summary>
    private static string? StaticParameter(TaskStateDefinition task, string name) =>
        task.Parameters is JsonObject parameters && parameters[name] is JsonValue value && value.TryGetValue(out string? text) ? text : null;
}
