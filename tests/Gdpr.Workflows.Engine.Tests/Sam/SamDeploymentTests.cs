using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Sam;

namespace Gdpr.Workflows.Engine.Tests.Sam;

public sealed class SamDeploymentTests : IAsyncDisposable
{
    private readonly LocalStepFunctions engine = new(new LocalEngineOptions());
    private readonly SamTemplate template = SamTemplate.Load(SamTestFiles.Fixture("template.yaml"));

    public async ValueTask DisposeAsync() => await engine.DisposeAsync();

    [Fact]
    public void Deploy_EveryFunctionBound_CreatesEveryStateMachineAndTopic()
    {
        var deployment = SamDeployment.Deploy(engine, template, Handlers(template.Functions.Values));

        deployment.StateMachineArns.Keys.Should().BeEquivalentTo(template.StateMachines.Keys);
        deployment.Topics.Topics.Should().NotBeEmpty();
    }

    [Fact]
    public void Deploy_FunctionWithoutHandler_FailsNamingStateAndArn()
    {
        var find = template.Functions["FindSubjectDataFunction"];

        var deploy = () => SamDeployment.Deploy(engine, template, Handlers(template.Functions.Values.Where(f => f != find)));

        deploy.Should().Throw<FunctionBindingException>()
            .Where(e => e.StateName == "FindSubjectData" && e.FunctionReference == find.Arn)
            .WithMessage($"*'{find.LocalHandler}'*");
    }

    private static Dictionary<string, LocalLambdaHandler> Handlers(IEnumerable<SamFunction> functions) =>
        functions.Where(f => f.LocalHandler is not null).ToDictionary(
            f => f.LocalHandler!,
            f => (LocalLambdaHandler)((payload, _, _) => Task.FromResult<JsonNode?>(new JsonObject { ["handledBy"] = f.LogicalId })));
}
