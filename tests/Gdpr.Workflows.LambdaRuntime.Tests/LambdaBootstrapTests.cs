using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Gdpr.Workflows.LambdaRuntime.Tests.TestSupport;

namespace Gdpr.Workflows.LambdaRuntime.Tests;

public class LambdaBootstrapTests
{
    private const string TraceHeader = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1";

    [Fact]
    public async Task RunAsync_HandlerSucceeds_PostsResponseForItsRequestId()
    {
        await using var runtime = LambdaRuntimeHarness.Start((options, ct) => LambdaBootstrap.RunAsync(
            (_, context, _) => Task.FromResult(Json($$"""{"handledBy":"{{context.RequestId}}"}""")), options, ct));

        runtime.Enqueue("req-1", """{"subjectId":"s-1"}""");
        var report = await runtime.Api.WaitForReportAsync("req-1");

        report.Kind.Should().Be(FakeReportKind.Response);
        report.BodyJson!["handledBy"]!.GetValue<string>().Should().Be("req-1");
        report.ContentType.Should().Be("application/json");
    }

    [Fact]
    public async Task RunAsync_HandlerThrows_PostsErrorAndServesNextInvocation()
    {
        await using var runtime = LambdaRuntimeHarness.Start((options, ct) => LambdaBootstrap.RunAsync(
            (eventJson, context, _) => context.RequestId == "req-fail"
                ? throw new InvalidOperationException("boom")
                : Task.FromResult(eventJson),
            options,
            ct));

        runtime.Enqueue("req-fail", "{}");
        runtime.Enqueue("req-ok", """{"ok":true}""");
        var failed = await runtime.Api.WaitForReportAsync("req-fail");
        var succeeded = await runtime.Api.WaitForReportAsync("req-ok");

        failed.Kind.Should().Be(FakeReportKind.InvocationError);
        failed.BodyJson!["errorType"]!.GetValue<string>().Should().Be("InvalidOperationException");
        failed.BodyJson!["errorMessage"]!.GetValue<string>().Should().Be("boom");
        failed.BodyJson!["stackTrace"]!.AsArray().Should().NotBeEmpty();
        failed.ErrorTypeHeader.Should().Be("InvalidOperationException");
        succeeded.Kind.Should().Be(FakeReportKind.Response);
        succeeded.BodyText.Should().Be("""{"ok":true}""");
    }

    [Fact]
    public async Task RunAsync_HandlerThrowsLambdaFunctionException_ReportsChosenErrorType()
    {
        await using var runtime = LambdaRuntimeHarness.Start((options, ct) => LambdaBootstrap.RunAsync(
            (_, _, _) => throw new LambdaFunctionException("TransientError", "DynamoDB throttled"), options, ct));

        runtime.Enqueue("req-1", "{}");
        var report = await runtime.Api.WaitForReportAsync("req-1");

        report.BodyJson!["errorType"]!.GetValue<string>().Should().Be("TransientError");
        report.BodyJson!["errorMessage"]!.GetValue<string>().Should().Be("DynamoDB throttled");
        report.ErrorTypeHeader.Should().Be("TransientError");
    }

    [Fact]
    public async Task RunAsync_MalformedEvent_PostsInvalidEventJsonWithoutCallingHandler()
    {
        var handlerCalls = 0;
        await using var runtime = LambdaRuntimeHarness.Start((options, ct) => LambdaBootstrap.RunAsync(
            (eventJson, _, _) =>
            {
                Interlocked.Increment(ref handlerCalls);
                return Task.FromResult(eventJson);
            },
            options,
            ct));

        runtime.Enqueue("req-bad", """{"email":"alice@example.com",""");
        runtime.Enqueue("req-good", "{}");
        var bad = await runtime.Api.WaitForReportAsync("req-bad");
        var good = await runtime.Api.WaitForReportAsync("req-good");

        bad.Kind.Should().Be(FakeReportKind.InvocationError);
        bad.BodyJson!["errorType"]!.GetValue<string>().Should().Be(LambdaErrorTypes.InvalidEventJson);
        bad.BodyText.Should().NotContain("alice", "the error must not echo event content");
        good.Kind.Should().Be(FakeReportKind.Response);
        handlerCalls.Should().Be(1);
    }

    [Fact]
    public async Task RunAsync_TypedHandlerEventOfWrongShape_PostsInvalidEventJson()
    {
        await using var runtime = LambdaRuntimeHarness.Start((options, ct) => LambdaBootstrap.RunAsync(
            (Greeting greeting, LambdaContext _, CancellationToken _) => Task.FromResult(new GreetingReply($"Hello {greeting.Name}")),
            TestJsonContext.Default.Greeting,
            TestJsonContext.Default.GreetingReply,
            options,
            ct));

        runtime.Enqueue("req-wrong", """{"name":42}""");
        runtime.Enqueue("req-right", """{"name":"Ada"}""");
        var wrong = await runtime.Api.WaitForReportAsync("req-wrong");
        var right = await runtime.Api.WaitForReportAsync("req-right");

        wrong.BodyJson!["errorType"]!.GetValue<string>().Should().Be(LambdaErrorTypes.InvalidEventJson);
        right.BodyText.Should().Be("""{"message":"Hello Ada"}""");
    }

    [Fact]
    public async Task RunAsync_DeadlineExceeded_CancelsHandlerTokenAndReportsTimeout()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sawCancellation = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var runtime = LambdaRuntimeHarness.Start((options, ct) => LambdaBootstrap.RunAsync(
            async (eventJson, _, token) =>
            {
                started.SetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, token);
                }
                catch (OperationCanceledException)
                {
                    sawCancellation.SetResult();
                    throw;
                }

                return eventJson;
            },
            options,
            ct));

        runtime.Enqueue("req-slow", "{}", timeout: TimeSpan.FromSeconds(3));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        runtime.Time.Advance(TimeSpan.FromSeconds(4));
        var report = await runtime.Api.WaitForReportAsync("req-slow");

        await sawCancellation.Task.WaitAsync(TimeSpan.FromSeconds(10));
        report.Kind.Should().Be(FakeReportKind.InvocationError);
        report.BodyJson!["errorType"]!.GetValue<string>().Should().Be(LambdaErrorTypes.TimedOut);
        report.BodyJson!["errorMessage"]!.GetValue<string>().Should().Be("Task timed out after 4.00 seconds");
    }

    [Fact]
    public async Task RunAsync_HandlerIgnoresDeadline_ReportsTimeoutAndServesNextInvocation()
    {
        var stuckStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource<ReadOnlyMemory<byte>>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var runtime = LambdaRuntimeHarness.Start((options, ct) => LambdaBootstrap.RunAsync(
            (eventJson, context, _) =>
            {
                if (context.RequestId != "req-stuck")
                {
                    return Task.FromResult(eventJson);
                }

                stuckStarted.SetResult();
                return never.Task;
            },
            options,
            ct));

        runtime.Enqueue("req-stuck", "{}", timeout: TimeSpan.FromSeconds(1));
        runtime.Enqueue("req-next", "{}");
        await stuckStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        runtime.Time.Advance(TimeSpan.FromSeconds(2));
        var stuck = await runtime.Api.WaitForReportAsync("req-stuck");
        var next = await runtime.Api.WaitForReportAsync("req-next");
        never.SetResult(Json("{}"));

        stuck.BodyJson!["errorType"]!.GetValue<string>().Should().Be(LambdaErrorTypes.TimedOut);
        next.Kind.Should().Be(FakeReportKind.Response);
    }

    [Fact]
    public async Task RunAsync_InitThrows_PostsInitErrorAndExitsNonZero()
    {
        await using var runtime = LambdaRuntimeHarness.Start((options, ct) => LambdaBootstrap.RunAsync(
            _ => throw new InvalidOperationException("TABLE_NAME is not set"), options, ct));

        var exitCode = await runtime.Run.WaitAsync(TimeSpan.FromSeconds(10));
        var report = await runtime.Api.WaitForInitErrorAsync();

        exitCode.Should().Be(LambdaExitCodes.InitializationFailed);
        report.Kind.Should().Be(FakeReportKind.InitError);
        report.BodyJson!["errorType"]!.GetValue<string>().Should().Be("InvalidOperationException");
        report.BodyJson!["errorMessage"]!.GetValue<string>().Should().Be("TABLE_NAME is not set");
        report.ErrorTypeHeader.Should().Be("InvalidOperationException");
        runtime.Api.NextRequestCount.Should().Be(0, "a runtime whose init failed must not ask for events");
    }

    [Fact]
    public async Task RunAsync_InitSucceeds_RunsInitOnceAndServesItsHandler()
    {
        var initRuns = 0;
        await using var runtime = LambdaRuntimeHarness.Start((options, ct) => LambdaBootstrap.RunAsync(
            async _ =>
            {
                await Task.Yield();
                var greetingPrefix = $"Hello #{Interlocked.Increment(ref initRuns)}";
                return (Greeting greeting, LambdaContext _, CancellationToken _) =>
                    Task.FromResult(new GreetingReply($"{greetingPrefix} {greeting.Name}"));
            },
            TestJsonContext.Default.Greeting,
            TestJsonContext.Default.GreetingReply,
            options,
            ct));

        runtime.Enqueue("req-1", """{"name":"Ada"}""");
        runtime.Enqueue("req-2", """{"name":"Grace"}""");
        var first = await runtime.Api.WaitForReportAsync("req-1");
        var second = await runtime.Api.WaitForReportAsync("req-2");

        first.BodyText.Should().Be("""{"message":"Hello #1 Ada"}""");
        second.BodyText.Should().Be("""{"message":"Hello #1 Grace"}""");
        initRuns.Should().Be(1);
    }

    [Fact]
    public async Task RunAsync_TraceIdHeader_ExportsItPerInvocationAndClearsItAfter()
    {
        var seen = new ConcurrentQueue<(string? Environment, string? Context)>();
        await using var runtime = LambdaRuntimeHarness.Start((options, ct) => LambdaBootstrap.RunAsync(
            (eventJson, context, _) =>
            {
                seen.Enqueue((options.Environment.Get(LambdaBootstrap.TraceIdVariable), context.TraceId));
                return Task.FromResult(eventJson);
            },
            options,
            ct));

        runtime.Enqueue("req-traced", "{}", traceId: TraceHeader);
        runtime.Enqueue("req-untraced", "{}");
        await runtime.Api.WaitForReportAsync("req-traced");
        await runtime.Api.WaitForReportAsync("req-untraced");

        seen.Should().Equal((TraceHeader, TraceHeader), (null, null));
        runtime.Environment.Get(LambdaBootstrap.TraceIdVariable).Should().BeNull();
    }

    [Fact]
    public async Task RunAsync_TwoInvocations_AnswersEachInOrder()
    {
        await using var runtime = LambdaRuntimeHarness.Start((options, ct) => LambdaBootstrap.RunAsync(
            (eventJson, _, _) => Task.FromResult(eventJson), options, ct));

        runtime.Enqueue("req-a", """{"n":1}""");
        runtime.Enqueue("req-b", """{"n":2}""");
        await runtime.Api.WaitForReportAsync("req-a");
        await runtime.Api.WaitForReportAsync("req-b");

        runtime.Api.Reports.Select(r => (r.Kind, r.RequestId, r.BodyText)).Should().Equal(
            (FakeReportKind.Response, "req-a", """{"n":1}"""),
            (FakeReportKind.Response, "req-b", """{"n":2}"""));
    }

    [Fact]
    public async Task RunAsync_CancelledWhileWaitingForEvent_ReturnsStopped()
    {
        await using var runtime = LambdaRuntimeHarness.Start((options, ct) => LambdaBootstrap.RunAsync(
            (eventJson, _, _) => Task.FromResult(eventJson), options, ct));

        await WaitUntilAsync(() => runtime.Api.NextRequestCount > 0);
        var exitCode = await runtime.StopAsync();

        exitCode.Should().Be(LambdaExitCodes.Stopped);
    }

    [Fact]
    public async Task RunAsync_RuntimeApiVariableMissing_ReturnsRuntimeApiFailed()
    {
        using var log = new StringWriter();
        var options = new LambdaBootstrapOptions { Environment = new DictionaryEnvironmentVariables(), Log = log };

        var exitCode = await LambdaBootstrap.RunAsync((eventJson, _, _) => Task.FromResult(eventJson), options);

        exitCode.Should().Be(LambdaExitCodes.RuntimeApiFailed);
        log.ToString().Should().Contain(LambdaBootstrap.RuntimeApiVariable);
    }

    [Fact]
    public async Task RunAsync_RuntimeApiAnswers500_ExitsWithRuntimeApiFailed()
    {
        await using var runtime = LambdaRuntimeHarness.Start((options, ct) => LambdaBootstrap.RunAsync(
            (eventJson, _, _) => Task.FromResult(eventJson), options, ct));
        runtime.Api.FailNext("POST", "/response", HttpStatusCode.InternalServerError);

        runtime.Enqueue("req-1", "{}");
        var exitCode = await runtime.Run.WaitAsync(TimeSpan.FromSeconds(10));

        exitCode.Should().Be(LambdaExitCodes.RuntimeApiFailed);
    }

    [Fact]
    public async Task RunAsync_NextInvocationRefused_ExitsInsteadOfRetrying()
    {
        await using var runtime = LambdaRuntimeHarness.Start((options, ct) => LambdaBootstrap.RunAsync(
            (eventJson, _, _) => Task.FromResult(eventJson), options, ct),
            arrangeApi: api => api.FailNext("GET", "invocation/next", HttpStatusCode.Forbidden));

        var exitCode = await runtime.Run.WaitAsync(TimeSpan.FromSeconds(10));

        exitCode.Should().Be(LambdaExitCodes.RuntimeApiFailed);
        runtime.Api.NextRequestCount.Should().Be(1);
        runtime.LogText.Should().Contain("403");
    }

    [Fact]
    public async Task RunAsync_ResponseRejectedAsTooLarge_ReportsResponseSizeError()
    {
        await using var runtime = LambdaRuntimeHarness.Start((options, ct) => LambdaBootstrap.RunAsync(
            (eventJson, _, _) => Task.FromResult(eventJson), options, ct));
        runtime.Api.FailNext("POST", "/response", HttpStatusCode.RequestEntityTooLarge);

        runtime.Enqueue("req-big", "{}");
        runtime.Enqueue("req-after", "{}");
        var big = await runtime.Api.WaitForReportAsync("req-big");
        var after = await runtime.Api.WaitForReportAsync("req-after");

        big.Kind.Should().Be(FakeReportKind.InvocationError);
        big.BodyJson!["errorType"]!.GetValue<string>().Should().Be(LambdaErrorTypes.ResponseTooLarge);
        after.Kind.Should().Be(FakeReportKind.Response);
    }

    [Fact]
    public async Task RunAsync_RuntimeApiRejectsOnePost_LogsAndServesNextInvocation()
    {
        await using var runtime = LambdaRuntimeHarness.Start((options, ct) => LambdaBootstrap.RunAsync(
            (eventJson, _, _) => Task.FromResult(eventJson), options, ct));
        runtime.Api.FailNext("POST", "/response", HttpStatusCode.BadRequest);

        runtime.Enqueue("req-rejected", "{}");
        runtime.Enqueue("req-after", "{}");
        var after = await runtime.Api.WaitForReportAsync("req-after");

        after.Kind.Should().Be(FakeReportKind.Response);
        runtime.Api.Reports.Should().ContainSingle();
        runtime.LogText.Should().Contain("Runtime API rejected a request");
    }

    [Fact]
    public async Task RunAsync_Invocations_LogOneLineEachWithoutPersonalData()
    {
        await using var runtime = LambdaRuntimeHarness.Start((options, ct) => LambdaBootstrap.RunAsync(
            (eventJson, context, _) => context.RequestId == "req-fail"
                ? throw new LambdaFunctionException("TransientError", "could not erase alice@example.com")
                : Task.FromResult(eventJson),
            options,
            ct));

        runtime.Enqueue("req-fail", """{"email":"alice@example.com"}""");
        runtime.Enqueue("req-ok", """{"email":"alice@example.com"}""");
        await runtime.Api.WaitForReportAsync("req-fail");
        await runtime.Api.WaitForReportAsync("req-ok");

        var lines = runtime.LogText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2);
        lines[0].Should().Contain("RequestId=req-fail").And.Contain("Status=Failed").And.Contain("ErrorType=TransientError");
        lines[1].Should().Contain("RequestId=req-ok").And.Contain("Status=Succeeded");
        runtime.LogText.Should().NotContain("alice");
    }

    private static ReadOnlyMemory<byte> Json(string json) => Encoding.UTF8.GetBytes(json);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(giveUp, "the condition should hold within 10 seconds");
            await Task.Delay(10);
        }
    }
}
