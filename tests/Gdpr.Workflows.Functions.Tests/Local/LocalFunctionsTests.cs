using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine;
using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Engine.Sam;
using Gdpr.Workflows.Functions.Tests.Support;
using Gdpr.Workflows.Local;
using Gdpr.Workflows.Local.Composition;
using EngineFunctionException = Gdpr.Workflows.Engine.Integrations.Lambda.LambdaFunctionException;
using InvocationContext = Gdpr.Workflows.Engine.Integrations.Lambda.LambdaInvocationContext;

namespace Gdpr.Workflows.Functions.Tests.Local;

public sealed class LocalFunctionsTests
{
    private static SamTemplate LoadTemplate(LocalStepFunctions engine) => SamTemplate.Load(
        RepositoryPaths.TemplateFile,
        new Dictionary<string, string> { ["NotificationEmail"] = "dpo@example.test" },
        SamTemplateOptions.For(engine.Options, "gdpr"));

    [Fact]
    public void Handlers_EveryFunctionOfTheTemplate_HasAHandlerUnderItsLocalHandlerName()
    {
        using var harness = new FunctionHarness();
        var template = SamTemplate.Load(RepositoryPaths.TemplateFile, new Dictionary<string, string> { ["NotificationEmail"] = "dpo@example.test" });

        var handlers = LocalFunctions.Handlers(harness.Services);

        template.Functions.Values.Select(f => f.LocalHandler).Should().BeEquivalentTo(handlers.Keys);
    }

    [Fact]
    public async Task Deploy_RealTemplateWithTheseHandlers_BindsEveryTaskOfTheStateMachine()
    {
        using var harness = new FunctionHarness();
        await using var engine = new LocalStepFunctions(new LocalEngineOptions());

        var deployment = SamDeployment.Deploy(engine, LoadTemplate(engine), LocalFunctions.Handlers(harness.Services));

        deployment.StateMachineArns.Should().ContainKey("ErasureStateMachine");
    }

    [Fact]
    public async Task Handler_FunctionFailsWithAContractError_EngineSeesTheSameErrorType()
    {
        using var harness = new FunctionHarness();
        var handler = LocalFunctions.Handlers(harness.Services)[LocalFunctions.Prefix + "Ledger"];

        var act = () => handler(new JsonObject { ["event"] = "RequestStarted" }, Context(), CancellationToken.None);

        (await act.Should().ThrowAsync<EngineFunctionException>()).Which.ErrorType.Should().Be("Erasure.InvalidInput");
    }

    [Fact]
    public async Task Deploy_ErasureOfAnAuthenticatedRequest_RunsToCompletionWithTheRealFunctions()
    {
        await using var engine = new LocalStepFunctions(new LocalEngineOptions());
        var template = LoadTemplate(engine);
        var workflow = new LocalEngineWorkflow(engine, LocalEngineWorkflow.ErasureStateMachineArn(engine, template));
        using var harness = new FunctionHarness(workflow);
        var deployment = SamDeployment.Deploy(engine, template, LocalFunctions.Handlers(harness.Services));
        deployment.StateMachineArns[LocalEngineWorkflow.ErasureStateMachine].Should().Be(workflow.StateMachineArn);
        deployment.Topics.TryGetTopic(deployment.Topics.Topics.Single(t => t.Name.Contains("ErasureTasksTopic", StringComparison.Ordinal)).Arn, out var tasksTopic).Should().BeTrue();
        using var answering = tasksTopic!.Subscribe(async (message, ct) =>
        {
            var task = JsonNode.Parse(message.Message)!;
            var answer = new JsonObject { ["taskToken"] = task["taskToken"]!.GetValue<string>(), ["outcome"] = "not_held", ["receipt"] = "desk:none" };
            await harness.Function("TaskCallback").HandleAsync(HttpEvents.Post("/tasks/callback", answer), ct);
        });

        var requestId = await harness.SubmitAsync(authenticated: true);
        var started = (await engine.ListExecutionsAsync(workflow.StateMachineArn)).Single();
        var execution = await engine.WaitForCompletionAsync(started.ExecutionArn).WaitAsync(TimeSpan.FromSeconds(30));

        execution.Status.Should().Be(ExecutionStatus.Succeeded);
        var status = HttpEvents.Body(await harness.Function("Status").HandleAsync(HttpEvents.Get($"/requests/{requestId}", HttpEvents.RequestId(requestId)), CancellationToken.None));
        status["status"]!.GetValue<string>().Should().Be("CompletedWithExceptions", "orders keeps invoices under Art. 17(3)(b)");
        var history = await engine.GetExecutionHistoryAsync(execution.ExecutionArn);
        (await harness.VaultStore.GetKeyAsync(requestId)).Should().NotBeNull("the vault stays sealed while orders retains invoices, for the retention follow-up (docs/reply.md)");
        history.Should().Contain(e => e.Type == "TaskStateExited" && e.DetailsJson != null && e.DetailsJson.Contains("SendReplyToSubject", StringComparison.Ordinal), "the reply is sent before the shred step");
        history.Should().Contain(e => e.DetailsJson != null && e.DetailsJson.Contains("crm:deleted=1", StringComparison.Ordinal));
        history.Should().AllSatisfy(e => (e.DetailsJson ?? string.Empty).ShouldHoldNoPersonalData());
    }

    private static InvocationContext Context() => new("f", "arn:aws:lambda:eu-west-2:123456789012:function:f", "$LATEST", "r-1", "arn:x", "State", 1, "k", null);
}
