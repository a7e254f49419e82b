using Gdpr.Workflows.Conformance.Core;
using Xunit.Abstractions;

namespace Gdpr.Workflows.Engine.Tests.Conformance;

/// <summary>
/// Runs the AWS-recorded conformance corpus on the engine. Fails when a case that is not in
/// tests/Gdpr.Workflows.Conformance/known-failures.txt fails: a regression of something that passed before.
/// </summary>
public sealed class ConformanceSuiteTests(ITestOutputHelper output)
{
    [CorpusTheory]
    [InlineData("cases.jsonl")]
    [InlineData("cases-with-services.jsonl")]
    [InlineData("definition-rejections.jsonl")]
    public async Task Corpus_EveryCaseNotKnownToFail_Passes(string corpus)
    {
        using var report = new StringWriter();
        using var errors = new StringWriter();

        var exitCode = await ConformanceProgram.RunAsync([corpus], new EngineCaseExecutor(), report, errors);

        var text = report.ToString();
        output.WriteLine(text);
        // What failed leads the message: a CI log that keeps only the start of it must still name the case.
        var lines = text.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("failures not in known-failures:", StringComparison.Ordinal) && l.TrimEnd().EndsWith(':'));
        var regressions = start < 0 ? "" : string.Join('\n', lines.Skip(start).TakeWhile(l => l.Trim().Length > 0));
        exitCode.Should().Be(0, $"no case outside the known failures may fail:{Environment.NewLine}{errors}{regressions}{Environment.NewLine}{text}");
        text.TrimEnd().Split('\n')[^1].Should().MatchRegex(@"^conformance: \d+ passed, \d+ failed, \d+ skipped$");
    }
}
