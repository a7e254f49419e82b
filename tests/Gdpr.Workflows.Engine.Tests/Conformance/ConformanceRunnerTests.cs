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

    [Fact]
    public async Task RunAsync_CaseSlowOnlyUnderLoad_PassesWhenRunAgainAlone()
    {
        var executor = new SlowFirstTimeExecutor(firstDelay: TimeSpan.FromSeconds(30), laterDelay: TimeSpan.FromMilliseconds(150));
        var runner = new ConformanceRunner(executor, Comparer, TimeSpan.FromMilliseconds(100));

        var results = await runner.RunAsync([TestCases.Minimal("slow", output: new JsonObject { ["a"] = 1 })]);

        results.Single().Verdict.Should().Be(CaseVerdict.Passed, "the second bound is 600 ms and the case answers in 150 ms");
        runner.ReRunAfterTimeout.Select(r => r.Case.Id).Should().Equal("slow");
        executor.Calls.Should().Be(2);
    }

    [Fact]
    public async Task RunAsync_CaseThatHangs_FailsOnTheLongerBoundToo()
    {
        var executor = new FakeExecutor(new() { ["hang"] = _ => throw new UnreachableException() }, hang: true);
        var runner = new ConformanceRunner(executor, Comparer, TimeSpan.FromMilliseconds(50));

        var results = await runner.RunAsync([TestCases.Minimal("hang")]);

        results.Single().Verdict.Should().Be(CaseVerdict.Failed);
        results.Single().Detail.Should().Be("no result within 0.3 s");
        runner.ReRunAfterTimeout.Should().ContainSingle();
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

    /// <summary>Answers {"a":1} after a long delay the first time and a short one afterwards, as a case does on a loaded machine.</summary>
    private sealed class SlowFirstTimeExecutor(TimeSpan firstDelay, TimeSpan laterDelay) : ICaseExecutor
    {
        private int calls;

        public int Calls => calls;

        public async Task<CaseOutcome> ExecuteAsync(ConformanceCase testCase, CancellationToken cancellationToken)
        {
            var delay = Interlocked.Increment(ref calls) == 1 ? firstDelay : laterDelay;
            await Task.Delay(delay, cancellationToken);
            return new CaseOutcome("SUCCEEDED", """{"a":1}""", null, null);
        }
    }

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
