using System.Text.Json.Nodes;
using Gdpr.Workflows.Conformance.Core;

namespace Gdpr.Workflows.Engine.Tests.Conformance;

public class ConformanceRunnerTests
{
    private static readonly ExpectationComparer Comparer = new(new RecorderNormalizer(RecorderNormalizer.RecordedAccountId, "us-east-1"));

    [Fact]
    public async Task RunAsync_MixedOutcomes_JudgesEachCaseInCorpusOrder()
    {
        var cases = new[]
        {
            TestCases.Minimal("pass", output: new JsonObject { ["a"] = 1 }),
            TestCases.Minimal("wrong-output", output: new JsonObject { ["a"] = 1 }),
            TestCases.Minimal("needs-s3", needs: ["s3"]),
            TestCases.Minimal("crash"),
        };
        var executor = new FakeExecutor(new()
        {
            ["pass"] = _ => new CaseOutcome("SUCCEEDED", """{"a":1}""", null, null),
            ["wrong-output"] = _ => new CaseOutcome("SUCCEEDED", """{"a":2}""", null, null),
            ["crash"] = _ => throw new InvalidOperationException("boom"),
        });

        var results = await new ConformanceRunner(executor, Comparer, TimeSpan.FromSeconds(5), parallelism: 2).RunAsync(cases);

        results.Select(r => (r.Case.Id, r.Verdict, r.Detail)).Should().Equal(
            ("pass", CaseVerdict.Passed, null),
            ("wrong-output", CaseVerdict.Failed, "$.output.a: expected 1, got 2"),
            ("needs-s3", CaseVerdict.Skipped, "needs s3"),
            ("crash", CaseVerdict.Failed, "engine threw InvalidOperationException: boom"));
        executor.Executed.Should().NotContain("needs-s3");
    }

    [Fact]
    public async Task RunOneAsync_ExecutorThatNeverAnswers_FailsWithinTheCaseTimeout()
    {
        var executor = new FakeExecutor(new() { ["hang"] = _ => throw new UnreachableException() }, hang: true);

        var result = await new ConformanceRunner(executor, Comparer, TimeSpan.FromMilliseconds(100)).RunOneAsync(TestCases.Minimal("hang"));

        result.Verdict.Should().Be(CaseVerdict.Failed);
        result.Detail.Should().Be("no result within 0.1 s");
    }

    [Theory]
    [InlineData("""{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""", "JSONata not supported yet")]
    [InlineData("""{"StartAt":"P","States":{"P":{"Type":"Pass","QueryLanguage":"JSONata","End":true}}}""", "JSONata not supported yet")]
    [InlineData("""{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""", null)]
    public void ReasonToSkip_QueryLanguageAnywhere_SkipsJsonata(string definition, string? reason)
    {
        var testCase = TestCases.Minimal("x", definition: JsonNode.Parse(definition));

        SkipPolicy.ReasonToSkip(testCase).Should().Be(reason);
    }

    [Fact]
    public void ReasonToSkip_ServicesOtherThanLambda_SkipsNamingThem()
    {
        SkipPolicy.ReasonToSkip(TestCases.Minimal("x", needs: ["lambda", "sqs", "callback"])).Should().Be("needs sqs, callback");
        SkipPolicy.ReasonToSkip(TestCases.Minimal("x", needs: ["lambda"], fixtures: ["templates/x/id_function.py"])).Should().BeNull();
    }

    [Fact]
    public void ReasonToSkip_UnknownLambdaFixture_Skips()
    {
        SkipPolicy.ReasonToSkip(TestCases.Minimal("x", needs: ["lambda"], fixtures: ["templates/x/mystery.py"]))
            .Should().Be("no C# equivalent of Lambda fixture mystery.py");
    }

    [Fact]
    public void ReasonToSkip_NotTerminated_Skips()
    {
        SkipPolicy.ReasonToSkip(TestCases.Minimal("x", status: "NOT_TERMINATED")).Should().Be("AWS recorded no terminal status");
    }

    [CorpusFact]
    public void ReasonToSkip_RealCorpus_RunsOnlyPureAndLambdaCases()
    {
        var run = Corpus.All(Corpus.Cases).Concat(Corpus.All(Corpus.CasesWithServices))
            .Where(c => SkipPolicy.ReasonToSkip(c) is null)
            .ToList();

        run.Should().NotBeEmpty();
        run.SelectMany(c => c.Needs).Distinct().Should().BeSubsetOf(["lambda"]);
        run.Should().NotContain(c => SkipPolicy.UsesJsonata(c));
        run.SelectMany(c => c.Fixtures).Should().OnlyContain(f => LambdaFixtures.IsKnown(f.HandlerFile));
    }

    [Fact]
    public void ExitCode_FailureNotListed_IsOneElseZero()
    {
        var results = new[] { KnownFailuresTests.Result("a", CaseVerdict.Failed, "x"), KnownFailuresTests.Result("b", CaseVerdict.Passed, null) };

        ConformanceRunner.ExitCode(results, KnownFailures.Empty).Should().Be(1);
        ConformanceRunner.ExitCode(results, KnownFailures.Parse(["a # known"])).Should().Be(0);
    }

    private sealed class UnreachableException : Exception;

    /// <summary>Answers each case id with a canned outcome; optionally never answers at all.</summary>
    internal sealed class FakeExecutor(Dictionary<string, Func<ConformanceCase, CaseOutcome>> outcomes, bool hang = false) : ICaseExecutor
    {
        private readonly System.Collections.Concurrent.ConcurrentBag<string> executed = [];

        public IReadOnlyCollection<string> Executed => executed;

        public async Task<CaseOutcome> ExecuteAsync(ConformanceCase testCase, CancellationToken cancellationToken)
        {
            executed.Add(testCase.Id);
            if (hang)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
            }

            return outcomes[testCase.Id](testCase);
        }
    }
}
