using System.Text.Json.Nodes;
using Gdpr.Workflows.Conformance.Core;

namespace Gdpr.Workflows.Engine.Tests.Conformance;

public class ComparerTests
{
    private static readonly ExpectationComparer Comparer = new(new RecorderNormalizer("123456789012", "eu-west-1"));

    [CorpusFact]
    public void Compare_LambdaEnvelopeWithRealHeaderValues_MatchesWholePlaceholders()
    {
        var testCase = Corpus.Case(Corpus.CasesWithServices, "TestTaskServiceLambda::test_invoke_json_values[HelloWorld]");
        var envelope = Envelope("HelloWorld", contentLength: "12");
        envelope["final"] = envelope.DeepClone();

        var comparison = Comparer.Compare(testCase, Succeeded(envelope));

        comparison.Difference.Should().BeNull();
        comparison.Passed.Should().BeTrue();
    }

    [CorpusFact]
    public void Compare_EnvelopeWithDifferentContentLength_FailsNamingThePath()
    {
        var testCase = Corpus.Case(Corpus.CasesWithServices, "TestTaskServiceLambda::test_invoke_json_values[HelloWorld]");
        var envelope = Envelope("HelloWorld", contentLength: "13");
        envelope["final"] = envelope.DeepClone();

        var comparison = Comparer.Compare(testCase, Succeeded(envelope));

        comparison.Passed.Should().BeFalse();
        comparison.Difference.Should().Be("$.output.SdkHttpMetadata.AllHttpHeaders.Content-Length[0]: expected \"12\", got \"13\"");
    }

    [CorpusFact]
    public void Compare_CauseWithUuidToken_MatchesAnyRequestId()
    {
        var testCase = Corpus.Case(Corpus.CasesWithServices, "TestTaskServiceLambda::test_raise_exception_catch_output_path[None]");
        var cause = "{\"errorMessage\":\"Some exception was raised.\",\"errorType\":\"Exception\",\"requestId\":\"0f6a3c41-5d8e-4b7a-9a51-1f2e3d4c5b6a\","
            + "\"stackTrace\":[\"  File \\\"/var/task/handler.py\\\", line 2, in handler\\n    raise Exception(\\\"Some exception was raised.\\\")\\n\"]}";
        var output = new JsonObject { ["InputValue"] = new JsonObject { ["Error"] = "Exception", ["Cause"] = cause } };

        Comparer.Compare(testCase, Succeeded(output)).Passed.Should().BeTrue();
    }

    [CorpusFact]
    public void Compare_CauseWithTokenButDifferentLiteralText_Fails()
    {
        var testCase = Corpus.Case(Corpus.CasesWithServices, "TestTaskServiceLambda::test_raise_exception_catch_output_path[None]");
        var output = new JsonObject
        {
            ["InputValue"] = new JsonObject { ["Error"] = "Exception", ["Cause"] = "{\"errorMessage\":\"Another message\",\"requestId\":\"x\"}" },
        };

        Comparer.Compare(testCase, Succeeded(output)).Difference.Should().StartWith("$.output.InputValue.Cause: expected");
    }

    [CorpusFact]
    public void Compare_FailedExecutionWithParsedCause_ComparesCauseAsJsonAndFailsOnADifference()
    {
        var testCase = Corpus.Case(Corpus.CasesWithServices, "TestTaskServiceLambda::test_raise_exception");
        var goodCause = "{\"errorMessage\":\"Some exception was raised.\",\"errorType\":\"Exception\",\"requestId\":\"r-1\",\"stackTrace\":"
            + "[\"  File \\\"/var/task/handler.py\\\", line 2, in handler\\n    raise Exception(\\\"Some exception was raised.\\\")\\n\"]}";

        var matching = Comparer.Compare(testCase, new CaseOutcome("FAILED", null, "Exception", goodCause));
        var differentCause = Comparer.Compare(testCase, new CaseOutcome("FAILED", null, "Exception", "{\"errorMessage\":\"other\"}"));

        matching.Passed.Should().BeTrue();
        matching.CauseDifference.Should().BeNull();
        differentCause.Passed.Should().BeFalse();
        differentCause.Difference.Should().Be(differentCause.CauseDifference);
        differentCause.CauseDifference.Should().StartWith("$.cause: keys differ (missing: [errorType, requestId, stackTrace]");
    }

    [CorpusFact]
    public void Compare_NotFoundCauseWithAccountRegionAndRequestId_MatchesAfterNormalisation()
    {
        var testCase = Corpus.Case(Corpus.CasesWithServices, "TestTaskServiceLambda::test_no_such_function");
        var cause = "Function not found: arn:aws:lambda:eu-west-1:123456789012:function:no_such_<lambda_function_name>:$LATEST "
            + "(Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: 6d1f; Proxy: null)";

        var comparison = Comparer.Compare(testCase, new CaseOutcome("FAILED", null, "Lambda.ResourceNotFoundException", cause));

        comparison.Passed.Should().BeTrue();
        comparison.CauseDifference.Should().BeNull();
    }

    [CorpusFact]
    public void Compare_DifferentStatus_FailsWithStatusAndActualError()
    {
        var testCase = Corpus.Case(Corpus.CasesWithServices, "TestTaskServiceLambda::test_no_such_function");

        var comparison = Comparer.Compare(testCase, new CaseOutcome("SUCCEEDED", "{}", null, null));

        comparison.Difference.Should().Be("status: expected FAILED, got SUCCEEDED");
    }

    [CorpusFact]
    public void Compare_DifferentError_Fails()
    {
        var testCase = Corpus.Case(Corpus.CasesWithServices, "TestTaskServiceLambda::test_no_such_function");

        var comparison = Comparer.Compare(testCase, new CaseOutcome("FAILED", null, "States.TaskFailed", "x"));

        comparison.Difference.Should().Be("error: expected \"Lambda.ResourceNotFoundException\", got \"States.TaskFailed\"");
    }

    [Fact]
    public void Compare_ObjectKeysInAnotherOrderAndIntegerWrittenAsFloat_Passes()
    {
        var testCase = Case("""{"status":"SUCCEEDED","output":{"a":1,"b":{"c":[1,2.5]}},"error":null,"cause":null}""");

        Comparer.Compare(testCase, new CaseOutcome("SUCCEEDED", """{"b":{"c":[1.0,2.50]},"a":1.0}""", null, null))
            .Passed.Should().BeTrue();
    }

    [Fact]
    public void Compare_DifferentNumber_FailsNamingTheIndex()
    {
        var testCase = Case("""{"status":"SUCCEEDED","output":{"a":[1,2]},"error":null,"cause":null}""");

        Comparer.Compare(testCase, new CaseOutcome("SUCCEEDED", """{"a":[1,3]}""", null, null))
            .Difference.Should().Be("$.output.a[1]: expected 2, got 3");
    }

    [Fact]
    public void Compare_StringWhereNumberExpected_Fails()
    {
        var testCase = Case("""{"status":"SUCCEEDED","output":1,"error":null,"cause":null}""");

        Comparer.Compare(testCase, new CaseOutcome("SUCCEEDED", "\"1\"", null, null)).Passed.Should().BeFalse();
    }

    [Fact]
    public void Compare_WholePlaceholderStandingForANumber_MatchesANumber()
    {
        var testCase = Case("""
            {"status":"SUCCEEDED","output":{"n":"RandomNumberGenerated"},"error":null,"cause":null,
             "placeholders":[{"path":"$.output.n","value":"RandomNumberGenerated","tokens":["RandomNumberGenerated"],"whole":true}]}
            """);

        Comparer.Compare(testCase, new CaseOutcome("SUCCEEDED", """{"n":42}""", null, null)).Passed.Should().BeTrue();
    }

    [Fact]
    public void Compare_ActualTimestampsAndArns_AreNormalisedLikeTheRecorder()
    {
        var testCase = Case("""
            {"status":"SUCCEEDED","output":{"t":"date","arn":"arn:<partition>:states:<region>:111111111111:stateMachine:sm"},"error":null,"cause":null}
            """);

        var actual = """{"t":"2025-01-01T00:00:05.123Z","arn":"arn:aws:states:eu-west-1:123456789012:stateMachine:sm"}""";

        Comparer.Compare(testCase, new CaseOutcome("SUCCEEDED", actual, null, null)).Passed.Should().BeTrue();
    }

    [Fact]
    public void Compare_ErrorPlaceholder_MatchesAnyError()
    {
        var testCase = Case("""
            {"status":"FAILED","output":null,"error":"<error-name>","cause":null,
             "placeholders":[{"path":"$.error","value":"<error-name>","tokens":["<error-name>"],"whole":true}]}
            """);

        Comparer.Compare(testCase, new CaseOutcome("FAILED", null, "Whatever", null)).Passed.Should().BeTrue();
    }

    [Fact]
    public void Compare_OutputThatIsNotJson_Fails()
    {
        var testCase = Case("""{"status":"SUCCEEDED","output":{},"error":null,"cause":null}""");

        Comparer.Compare(testCase, new CaseOutcome("SUCCEEDED", "{not json", null, null)).Difference.Should().StartWith("output: not JSON");
    }

    [CorpusFact]
    public void Compare_RejectedDefinition_PassesOnlyWhenTheEngineRejectsItWithAwsMessage()
    {
        var testCase = Corpus.All(Corpus.DefinitionRejections)[0];

        Comparer.Compare(testCase, CaseOutcome.DefinitionRejected(testCase.Expected.Cause!.GetValue<string>())).Passed.Should().BeTrue();
        Comparer.Compare(testCase, CaseOutcome.DefinitionRejected("some message")).Difference.Should().StartWith("$.cause: expected");
        Comparer.Compare(testCase, CaseOutcome.DefinitionAccepted()).Difference.Should().Be("status: expected CREATE_FAILED, got CREATED");
    }

    [Fact]
    public void Compare_HistoryInAnotherOrder_Fails()
    {
        var testCase = Case("""
            {"status":"SUCCEEDED","output":{},"error":null,"cause":null,"history":["ExecutionStarted","PassStateEntered","PassStateExited","ExecutionSucceeded"],"history_recorded":true}
            """);

        var comparison = Comparer.Compare(
            testCase,
            new CaseOutcome("SUCCEEDED", "{}", null, null, ["ExecutionStarted", "PassStateExited", "PassStateEntered", "ExecutionSucceeded"]));

        comparison.Passed.Should().BeFalse();
        comparison.Difference.Should().Be("history[1]: expected PassStateEntered, got PassStateExited");
    }

    [Fact]
    public void Compare_ParallelHistorySortedByRecorder_ComparesAsMultisetAllowingTheDroppedEvents()
    {
        var testCase = Case("""
            {"status":"SUCCEEDED","output":{},"error":null,"cause":null,"history":["ExecutionStarted","ParallelStateEntered","ExecutionSucceeded"],
             "history_recorded":true,"history_order":"parallel-branch-events-sorted","history_events_missing":1}
            """);

        var comparison = Comparer.Compare(
            testCase,
            new CaseOutcome("SUCCEEDED", "{}", null, null, ["ExecutionStarted", "ParallelStateEntered", "ParallelStateSucceeded", "ExecutionSucceeded"]));

        comparison.HistoryDifference.Should().BeNull();
    }

    [CorpusTheory]
    [InlineData(Corpus.Cases)]
    [InlineData(Corpus.CasesWithServices)]
    [InlineData(Corpus.DefinitionRejections)]
    public void Compare_EveryRecordedExpectationAgainstItself_Passes(string file)
    {
        // The recorded values, tokens included, must satisfy their own patterns; the normaliser must leave them alone.
        var comparer = new ExpectationComparer(new RecorderNormalizer(RecorderNormalizer.RecordedAccountId, "us-east-1"));
        var failures = Corpus.All(file)
            .Select(c => (c.Id, Comparison: comparer.Compare(c, Echo(c))))
            .Where(r => !r.Comparison.Passed || r.Comparison.CauseDifference is not null)
            .Select(r => $"{r.Id}: {r.Comparison.Difference ?? r.Comparison.CauseDifference}")
            .ToList();

        failures.Should().BeEmpty();
    }

    private static CaseOutcome Echo(ConformanceCase c)
    {
        var expected = c.Expected;
        var cause = expected.Cause switch
        {
            null => null,
            JsonValue v when !expected.CauseParsedFromJson => v.GetValue<string>(),
            var node => node.ToJsonString(),
        };
        return new CaseOutcome(expected.Status, expected.OutputText ?? expected.Output?.ToJsonString() ?? "null", expected.Error, cause);
    }

    [Fact]
    public void Compare_OutputTextFormattedOtherwise_FailsOnTheText()
    {
        var testCase = CorpusReader.Parse("""
            {"id":"test::case","category":"unit","definition":{},"input":{},"expected":{"status":"SUCCEEDED","output":[1.0,2],"output_text":"[1.0,2]","error":null,"cause":null}}
            """);

        var sameText = Comparer.Compare(testCase, new CaseOutcome("SUCCEEDED", "[1.0,2]", null, null));
        var otherText = Comparer.Compare(testCase, new CaseOutcome("SUCCEEDED", "[1,2]", null, null));

        sameText.Passed.Should().BeTrue();
        otherText.Difference.Should().Be("output text: expected [1.0,2], got [1,2]");
    }

    private static ConformanceCase Case(string expectationAndExtras)
    {
        var fields = JsonNode.Parse(expectationAndExtras)!.AsObject();
        var line = new JsonObject
        {
            ["id"] = "test::case",
            ["category"] = "unit",
            ["definition"] = new JsonObject(),
            ["input"] = new JsonObject(),
            ["expected"] = new JsonObject
            {
                ["status"] = fields["status"]!.DeepClone(),
                ["output"] = fields["output"]?.DeepClone(),
                ["error"] = fields["error"]?.DeepClone(),
                ["cause"] = fields["cause"]?.DeepClone(),
            },
        };
        foreach (var extra in new[] { "placeholders", "history", "history_recorded", "history_order", "history_events_missing" })
        {
            if (fields[extra] is { } value)
            {
                line[extra] = value.DeepClone();
            }
        }

        return CorpusReader.Parse(line.ToJsonString());
    }

    private static CaseOutcome Succeeded(JsonNode output) => new("SUCCEEDED", output.ToJsonString(), null, null);

    /// <summary>An envelope as Step Functions returns it, with real-looking values where the recording has placeholders.</summary>
    private static JsonObject Envelope(string payload, string contentLength)
    {
        const string requestId = "2c1b3f0e-1d2e-4f5a-8b9c-0d1e2f3a4b5c";
        const string date = "Wed, 01 Jan 2025 00:00:00 GMT";
        const string trace = "Root=1-2c1b3f0e-1d2e4f5a8b9c0d1e2f3a4b5c;Sampled=0";
        return new JsonObject
        {
            ["ExecutedVersion"] = "$LATEST",
            ["Payload"] = payload,
            ["SdkHttpMetadata"] = new JsonObject
            {
                ["AllHttpHeaders"] = new JsonObject
                {
                    ["X-Amz-Executed-Version"] = new JsonArray("$LATEST"),
                    ["x-amzn-Remapped-Content-Length"] = new JsonArray("0"),
                    ["Connection"] = new JsonArray("keep-alive"),
                    ["x-amzn-RequestId"] = new JsonArray(requestId),
                    ["Content-Length"] = new JsonArray(contentLength),
                    ["Date"] = new JsonArray(date),
                    ["X-Amzn-Trace-Id"] = new JsonArray(trace),
                    ["Content-Type"] = new JsonArray("application/json"),
                },
                ["HttpHeaders"] = new JsonObject
                {
                    ["Connection"] = "keep-alive",
                    ["Content-Length"] = contentLength,
                    ["Content-Type"] = "application/json",
                    ["Date"] = date,
                    ["X-Amz-Executed-Version"] = "$LATEST",
                    ["x-amzn-Remapped-Content-Length"] = "0",
                    ["x-amzn-RequestId"] = requestId,
                    ["X-Amzn-Trace-Id"] = trace,
                },
                ["HttpStatusCode"] = 200,
            },
            ["SdkResponseMetadata"] = new JsonObject { ["RequestId"] = requestId },
            ["StatusCode"] = 200,
        };
    }
}
