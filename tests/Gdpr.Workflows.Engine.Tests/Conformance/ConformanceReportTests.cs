using System.Text.Json.Nodes;
using Gdpr.Workflows.Conformance.Core;
using static Gdpr.Workflows.Engine.Tests.Conformance.KnownFailuresTests;

namespace Gdpr.Workflows.Engine.Tests.Conformance;

public class ConformanceReportTests
{
    private static readonly CaseResult[] Results =
    [
        Result("b1", CaseVerdict.Passed, null, "base"),
        Result("b2", CaseVerdict.Failed, "status: expected FAILED, got SUCCEEDED", "base"),
        Result("i1", CaseVerdict.Passed, null, "intrinsic_functions"),
        Result("i2", CaseVerdict.Skipped, "JSONata not supported yet", "intrinsic_functions"),
        Result("s1", CaseVerdict.Skipped, "needs s3", "services"),
        Result("s2", CaseVerdict.Skipped, "needs s3", "services"),
    ];

    [Fact]
    public void Render_Results_TabulatesEachCategoryAndTotal()
    {
        var lines = ConformanceReport.Render(Results, KnownFailures.Empty, verbose: false).Split('\n');

        lines.Take(6).Should().Equal(
            "category             passed  failed  skipped",
            "-------------------  ------  ------  -------",
            "base                      1       1        0",
            "intrinsic_functions       1       0        1",
            "services                  0       0        2",
            "total                     2       1        3");
    }

    [Fact]
    public void Render_AnyRun_EndsWithTheSummaryLine()
    {
        var report = ConformanceReport.Render(Results, KnownFailures.Empty, verbose: true);

        report.Split('\n')[^1].Should().Be("conformance: 2 passed, 1 failed, 3 skipped");
    }

    [Fact]
    public void Render_Verbose_ListsFailingCasesWithTheirDifferenceAndWhetherTheyAreKnown()
    {
        var known = KnownFailures.Parse(["b2 # not yet"]);

        var report = ConformanceReport.Render(Results, known, verbose: true);

        report.Should().Contain("failing cases:\n  known  b2: status: expected FAILED, got SUCCEEDED");
        report.Should().Contain("failures not in known-failures: 0");
        report.Should().Contain("skipped, needs s3: 2");
    }

    [Fact]
    public void Render_NotVerbose_ListsOnlyRegressions()
    {
        var report = ConformanceReport.Render(Results, KnownFailures.Empty, verbose: false);

        report.Should().Contain("failures not in known-failures:\n  b2: status: expected FAILED, got SUCCEEDED");
        report.Should().NotContain("failing cases:");
    }

    [Fact]
    public void Render_KnownFailureThatPasses_IsReportedAsFixed()
    {
        var report = ConformanceReport.Render(Results, KnownFailures.Parse(["b1 # was broken"]), verbose: true);

        report.Should().Contain("known failures now passing: 1");
        report.Should().Contain("known failures now passing (remove them):\n  b1");
    }

    [Fact]
    public async Task RunAsync_WithAFakeExecutor_PrintsTableAndSummaryAndExitsOnRegression()
    {
        var corpus = Path.Combine(Path.GetTempPath(), $"corpus-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(corpus,
        [
            TestCases.Minimal("ok", output: new JsonObject { ["v"] = 1 }).ToLine(),
            TestCases.Minimal("bad", output: new JsonObject { ["v"] = 1 }).ToLine(),
        ]);
        var executor = new ConformanceRunnerTests.FakeExecutor(new()
        {
            ["ok"] = _ => new CaseOutcome("SUCCEEDED", """{"v":1}""", null, null),
            ["bad"] = _ => new CaseOutcome("SUCCEEDED", """{"v":2}""", null, null),
        });
        var knownFailures = Path.Combine(Path.GetTempPath(), $"known-{Guid.NewGuid():N}.txt");
        using var output = new StringWriter();
        using var errors = new StringWriter();

        try
        {
            var firstExit = await ConformanceProgram.RunAsync([corpus, "--known-failures", knownFailures], executor, output, errors);
            var writeExit = await ConformanceProgram.RunAsync([corpus, "--known-failures", knownFailures, "--write-known-failures"], executor, output, errors);
            var afterExit = await ConformanceProgram.RunAsync([corpus, "--known-failures", knownFailures, "--filter", "OK"], executor, output, errors);

            firstExit.Should().Be(1);
            writeExit.Should().Be(0);
            afterExit.Should().Be(0);
            (await File.ReadAllTextAsync(knownFailures)).Should().EndWith("bad # $.output.v: expected 1, got 2\n");
            output.ToString().TrimEnd().Split('\n')[^1].Should().Be("conformance: 1 passed, 0 failed, 0 skipped");
            errors.ToString().Should().BeEmpty();
        }
        finally
        {
            File.Delete(corpus);
            File.Delete(knownFailures);
        }
    }

    [Fact]
    public async Task RunAsync_FewerPassedThanKnownForTheFile_ExitsOneNamingTheCount()
    {
        var folder = Directory.CreateTempSubdirectory("corpus-").FullName;
        var corpus = Path.Combine(folder, "cases.jsonl");
        await File.WriteAllLinesAsync(corpus, [TestCases.Minimal("ok", output: new JsonObject { ["v"] = 1 }).ToLine()]);
        var executor = new ConformanceRunnerTests.FakeExecutor(new() { ["ok"] = _ => new CaseOutcome("SUCCEEDED", """{"v":1}""", null, null) });
        using var output = new StringWriter();
        using var errors = new StringWriter();
        // The known count sits beside the known failures, as tests/Gdpr.Workflows.Conformance/known-pass-counts.txt does.
        await File.WriteAllTextAsync(Path.Combine(folder, "known-pass-counts.txt"), "cases.jsonl 2\n");

        try
        {
            var exit = await ConformanceProgram.RunAsync([corpus, "--known-failures", Path.Combine(folder, "none.txt")], executor, output, errors);

            exit.Should().Be(1);
            errors.ToString().Should().Contain("conformance: 1 passed, below the known pass count 2 of cases.jsonl");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_UnknownOption_PrintsUsageAndExitsTwo()
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var exit = await ConformanceProgram.RunAsync(["--nope"], new ConformanceRunnerTests.FakeExecutor([]), output, errors);

        exit.Should().Be(ConformanceProgram.UsageError);
        errors.ToString().Should().Contain("unexpected argument '--nope'").And.Contain("usage:");
    }
}
