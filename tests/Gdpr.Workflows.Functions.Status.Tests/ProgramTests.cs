using System.Text.Json.Nodes;
using Gdpr.Workflows.LambdaRuntime;
using Gdpr.Workflows.TestSupport.LambdaRuntime;

namespace Gdpr.Workflows.Functions.Status.Tests;

/// <summary>The function as Program.cs wires it, served through the Runtime API with a real HTTP API v2 event.</summary>
public sealed class ProgramTests
{
    [Fact]
    public async Task RunAsync_HttpApiEvent_PostsApiGatewayV2Response()
    {
        await using var api = FakeLambdaRuntimeApi.Start();
        api.Enqueue(new FakeInvocation("inv-1", await File.ReadAllBytesAsync("events/coldstart.json"), TimeProvider.System.GetUtcNow().AddMinutes(1)));
        using var stop = new CancellationTokenSource();
        var options = new LambdaBootstrapOptions { Environment = new SingleVariable(LambdaBootstrap.RuntimeApiVariable, api.RuntimeApi), Log = TextWriter.Null };

        var run = LambdaBootstrap.RunAsync(StatusHandler.HandleAsync, StatusJsonContext.Default.HttpApiRequest, StatusJsonContext.Default.HttpApiResponse, options, stop.Token);
        var report = await api.WaitForReportAsync("inv-1");
        await stop.CancelAsync();
        await run;

        report.Kind.Should().Be(FakeReportKind.Response);
        var response = report.BodyJson!;
        response["statusCode"]!.GetValue<int>().Should().Be(404);
        response["isBase64Encoded"]!.GetValue<bool>().Should().BeFalse();
        response["headers"]!["content-type"]!.GetValue<string>().Should().Be("application/json");
        JsonNode.Parse(response["body"]!.GetValue<string>())!["requestId"]!.GetValue<string>().Should().Be("01J9Z3K4QF7Y2V8N6M5R0T1W2X");
    }

    private sealed class SingleVariable(string name, string value) : IEnvironmentVariables
    {
        public string? Get(string variable) => variable == name ? value : null;

        public void Set(string variable, string? newValue)
        {
        }
    }
}
