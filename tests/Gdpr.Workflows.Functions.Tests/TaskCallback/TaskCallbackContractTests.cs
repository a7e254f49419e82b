using System.Text.Json.Nodes;
using Gdpr.Workflows.Functions.Tests.Support;

namespace Gdpr.Workflows.Functions.Tests.TaskCallback;

/// <summary>The erasure-task contract's shared cases (contracts/erasure-task/v1/cases), as the local host runs them.</summary>
public sealed class TaskCallbackContractTests : IDisposable
{
    private readonly FunctionHarness _harness = new();

    public static TheoryData<string> AnswerCases() => [.. Cases().Select(c => c!["name"]!.GetValue<string>())];

    [Theory]
    [MemberData(nameof(AnswerCases))]
    public async Task HandleAsync_ContractCase_AcceptedIs404ForAnUnknownTokenRejectedIs400(string name)
    {
        var found = Cases().Single(c => c!["name"]!.GetValue<string>() == name)!;

        var response = await _harness.Function("TaskCallback").HandleAsync(
            HttpEvents.Post("/tasks/callback", found["body"]!.DeepClone().AsObject()), CancellationToken.None);

        HttpEvents.StatusCode(response).Should().Be(found["expect"]!.GetValue<string>() == "accepted" ? 404 : 400, HttpEvents.Body(response).ToJsonString());
    }

    public void Dispose() => _harness.Dispose();

    private static JsonArray Cases() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(RepositoryPaths.TemplateFile)!, "contracts", "erasure-task", "v1", "cases", "answers.json")))!["cases"]!.AsArray();
}
