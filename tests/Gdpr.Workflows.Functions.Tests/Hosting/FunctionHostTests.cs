using System.Text.Json.Nodes;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.Tests.Support;
using Gdpr.Workflows.LambdaRuntime;
using Gdpr.Workflows.TestSupport.LambdaRuntime;

namespace Gdpr.Workflows.Functions.Tests.Hosting;

/// <summary>Functions served as Program.cs serves them: through the Lambda Runtime API.</summary>
public sealed class FunctionHostTests
{
    [Fact]
    public async Task RunAsync_StatusFunctionWithTheColdStartEvent_PostsAnHttpApiResponse()
    {
        using var harness = new FunctionHarness();
        var report = await ServeOnceAsync(harness.Function("Status"), StatusEvent("01J9Z3K4QF7Y2V8N6M5R0T1W2X"));

        report.Kind.Should().Be(FakeReportKind.Response);
        report.BodyJson!["statusCode"]!.GetValue<int>().Should().Be(404);
    }

    [Fact]
    public async Task RunAsync_FunctionFailsWithAnAdapterErrorTheHostKnowsIsTemporary_ReportsTransientError()
    {
        var report = await ServeOnceAsync(new Failing(new TimeZoneNotFoundException("busy")), "{}"u8.ToArray(), e => e is TimeZoneNotFoundException);

        report.Kind.Should().Be(FakeReportKind.InvocationError);
        report.ErrorTypeHeader.Should().Be("Erasure.TransientError");
    }

    // The cold-start event names the benchmark's seeded request by placeholder; here it names one nobody stored.
    private static byte[] StatusEvent(string requestId) =>
        System.Text.Encoding.UTF8.GetBytes(File.ReadAllText("events/status.json").Replace("{{requestId}}", requestId, StringComparison.Ordinal));

    private static async Task<FakeRuntimeReport> ServeOnceAsync(IJsonFunction function, byte[] eventJson, Func<Exception, bool>? isTransient = null)
    {
        await using var api = FakeLambdaRuntimeApi.Start();
        api.Enqueue(new FakeInvocation("inv-1", eventJson, TimeProvider.System.GetUtcNow().AddMinutes(1)));
        using var stop = new CancellationTokenSource();
        var options = new LambdaBootstrapOptions { Environment = new RuntimeApiOnly(api.RuntimeApi), Log = TextWriter.Null };

        var run = FunctionHost.RunAsync(_ => Task.FromResult(function), isTransient, options, stop.Token);
        var report = await api.WaitForReportAsync("inv-1");
        await stop.CancelAsync();
        await run;
        return report;
    }

    private sealed class Failing(Exception failure) : IJsonFunction
    {
        public Task<JsonNode?> HandleAsync(JsonNode? payload, CancellationToken cancellationToken) =>
            FunctionFailures.GuardAsync<JsonNode?>(() => throw failure, cancellationToken);
    }

    private sealed class RuntimeApiOnly(string runtimeApi) : IEnvironmentVariables
    {
        public string? Get(string name) => name == LambdaBootstrap.RuntimeApiVariable ? runtimeApi : null;

        public void Set(string name, string? value)
        {
        }
    }
}
