using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Tests.Support;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Tests.Contracts;

/// <summary>
/// The erasure-task contract on both hosts: the same answers (contracts/erasure-task/v1/cases/answers.json, and
/// answers to real tasks) sent to the local host (<c>gdpr serve</c>, over HTTP) and to the deployed TaskCallback
/// function (answering through the Step Functions API) get the same status and the same body.
/// </summary>
public sealed class ErasureTaskContractTests : IAsyncLifetime, IDisposable
{
    private readonly ServeProcess serve = new();
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private Uri url = null!;
    private DeployedTaskCallback deployed = null!;

    public static TheoryData<string> AnswerCases() => ContractCases.Names();

    public async Task InitializeAsync()
    {
        await serve.StartAsync();
        url = serve.Url;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", serve.Tokens.TokenOf(ApiRole.System, "support-desk"));
        deployed = new DeployedTaskCallback(url, serve.Gdpr.Home);
    }

    [Theory]
    [MemberData(nameof(AnswerCases))]
    public async Task Callback_ContractCase_SameStatusAndBodyOnBothHosts(string name)
    {
        var (expect, body) = ContractCases.Get(name);

        var local = await PostLocalAsync("tasks/callback", body);
        var aws = await deployed.PostAsync("/tasks/callback", body);

        aws.Status.Should().Be(local.Status, $"local: {local.Body?.ToJsonString()}, deployed: {aws.Body?.ToJsonString()}");
        JsonNode.DeepEquals(aws.Body, local.Body).Should().BeTrue($"local: {local.Body?.ToJsonString()}, deployed: {aws.Body?.ToJsonString()}");
        local.Status.Should().Be(expect == "accepted" ? 404 : 400, "an accepted answer with an unknown token is not found; a rejected one is bad input");
    }

    [Fact]
    public async Task Answers_BatchOfTheCases_SameResultsOnBothHosts()
    {
        var batch = new JsonObject { ["answers"] = new JsonArray([.. ContractCases.All().Select(n => (JsonNode)ContractCases.Get(n).Body)]) };

        var local = await PostLocalAsync("tasks/answers", batch);
        var aws = await deployed.PostAsync("/tasks/answers", batch);

        local.Status.Should().Be(200, local.Body?.ToJsonString());
        aws.Status.Should().Be(200);
        JsonNode.DeepEquals(aws.Body, local.Body).Should().BeTrue($"local: {local.Body?.ToJsonString()}, deployed: {aws.Body?.ToJsonString()}");
        local.Body!["results"]!.AsArray().Select(r => r!["status"]!.GetValue<int>()).Should().OnlyContain(s => s == 404 || s == 400);
    }

    [Fact]
    public async Task Answers_BatchNotAnArray_Is400OnBothHosts()
    {
        var batch = new JsonObject { ["answers"] = "all of them" };

        var local = await PostLocalAsync("tasks/answers", batch);
        var aws = await deployed.PostAsync("/tasks/answers", batch);

        local.Status.Should().Be(400);
        aws.Status.Should().Be(400);
        JsonNode.DeepEquals(aws.Body, local.Body).Should().BeTrue($"local: {local.Body?.ToJsonString()}, deployed: {aws.Body?.ToJsonString()}");
    }

    [Fact]
    public async Task Callback_RealTasks_TakenThenTheSameAnswerIsADuplicateAndADifferentOneAConflictOnBothHosts()
    {
        var (first, second) = (await OpenTaskAsync("contract.one@example.com"), await OpenTaskAsync("contract.two@example.com"));
        JsonObject Erased(string token) => new() { ["taskToken"] = token, ["outcome"] = "erased", ["receipt"] = new JsonObject { ["reference"] = "desk:42" } };
        JsonObject Failed(string token) => new() { ["taskToken"] = token, ["error"] = "Erasure.Refused" };

        var local = await PostLocalAsync("tasks/callback", Erased(first));
        var aws = await deployed.PostAsync("/tasks/callback", Erased(second));
        var localRepeat = await PostLocalAsync("tasks/callback", Erased(first));
        var awsRepeat = await deployed.PostAsync("/tasks/callback", Erased(second));
        var localAgain = await PostLocalAsync("tasks/callback", Failed(first));
        var awsAgain = await deployed.PostAsync("/tasks/callback", Failed(second));

        local.Status.Should().Be(200, local.Body?.ToJsonString());
        aws.Status.Should().Be(200, aws.Body?.ToJsonString());
        WithoutTaskId(aws.Body).Should().BeEquivalentTo(WithoutTaskId(local.Body));
        aws.Body!["taskId"]!.GetValue<string>().Should().Be(Erasure.Contracts.ErasureTaskMessage.IdOf(second));
        local.Body!["duplicate"]!.GetValue<bool>().Should().BeFalse();
        localRepeat.Status.Should().Be(200, localRepeat.Body?.ToJsonString());
        awsRepeat.Status.Should().Be(200, awsRepeat.Body?.ToJsonString());
        localRepeat.Body!["duplicate"]!.GetValue<bool>().Should().BeTrue();
        WithoutTaskId(awsRepeat.Body).Should().BeEquivalentTo(WithoutTaskId(localRepeat.Body));
        localAgain.Status.Should().Be(409);
        awsAgain.Status.Should().Be(409);
        JsonNode.DeepEquals(awsAgain.Body, localAgain.Body).Should().BeTrue($"local: {localAgain.Body?.ToJsonString()}, deployed: {awsAgain.Body?.ToJsonString()}");
    }

    public async Task DisposeAsync() => await serve.DisposeAsync();

    public void Dispose()
    {
        deployed?.Dispose();
        http.Dispose();
        serve.Dispose();
    }

    private static Dictionary<string, string> WithoutTaskId(JsonNode? body) =>
        body!.AsObject().Where(p => p.Key != "taskId").ToDictionary(p => p.Key, p => p.Value!.ToJsonString());

    private async Task<(int Status, JsonNode? Body)> PostLocalAsync(string path, JsonNode body)
    {
        using var response = await http.PostAsJsonAsync(new Uri(url, path), body);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>Submits and verifies a request; the support desk's task token once its task is open.</summary>
    private async Task<string> OpenTaskAsync(string email)
    {
        var submitted = await serve.Gdpr.RunAsync("submit", "--email", email, "--json");
        submitted.ExitCode.Should().Be(ExitCodes.Ok, submitted.ToString());
        var requestId = submitted.Json["requestId"]!.GetValue<string>();
        (await serve.Gdpr.RunAsync("verify", requestId, "--method", "id-document")).ExitCode.Should().Be(ExitCodes.Ok);
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until)
        {
            using var response = await http.GetAsync(new Uri(url, "tasks?wait=5"));
            var tasks = (await response.Content.ReadFromJsonAsync<JsonObject>())!["tasks"]!.AsArray();
            if (tasks.FirstOrDefault(t => t!["requestId"]!.GetValue<string>() == requestId) is { } task)
            {
                return task["taskToken"]!.GetValue<string>();
            }
        }

        throw new TimeoutException($"No support-desk task for {requestId} within 90 s.");
    }
}
