using Gdpr.Workflows.Conformance.Core;

namespace Gdpr.Workflows.Engine.Tests.Conformance;

public class KnownFailuresTests
{
    [Fact]
    public void Parse_IdsHoldingHashes_SplitsOnlyAtSpaceHashSpace()
    {
        var known = KnownFailures.Parse(
        [
            "# header comment",
            "",
            "a.py::T::test_x#exec_hist_resp_7 # intrinsic not done",
            "a.py::T::test_y[cases[12]]",
            "  a.py::T::test_z # reason # with hash  ",
        ]);

        known.Entries.Should().Equal(
            ("a.py::T::test_x#exec_hist_resp_7", "intrinsic not done"),
            ("a.py::T::test_y[cases[12]]", string.Empty),
            ("a.py::T::test_z", "reason # with hash"));
        known.Contains("a.py::T::test_x").Should().BeFalse();
    }

    [Fact]
    public void Format_ThenParse_RoundTrips()
    {
        var known = KnownFailures.Parse(["b # second", "a # first", "c"]);

        var again = KnownFailures.Parse(known.Format().Split('\n'));

        again.Entries.Should().Equal(known.Entries);
        known.Format().Should().StartWith("# Conformance cases the local engine is known to fail");
    }

    [Fact]
    public void Regenerate_AfterARun_KeepsReasonsDropsFixedCasesAndKeepsCasesNotRun()
    {
        var known = KnownFailures.Parse(["still-failing # kept reason", "now-passing # old", "other-corpus # untouched", "skipped-now # stays"]);
        var results = new[]
        {
            Result("still-failing", CaseVerdict.Failed, "status: expected A, got B"),
            Result("now-passing", CaseVerdict.Passed, null),
            Result("newly-failing", CaseVerdict.Failed, "$.output.a: expected 1,\ngot 2"),
            Result("skipped-now", CaseVerdict.Skipped, "needs s3"),
        };

        var regenerated = known.Regenerate(results);

        regenerated.Entries.Should().Equal(
            ("newly-failing", "$.output.a: expected 1, got 2"),
            ("other-corpus", "untouched"),
            ("skipped-now", "stays"),
            ("still-failing", "kept reason"));
    }

    [Fact]
    public void Load_MissingFile_IsEmpty()
    {
        KnownFailures.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))).Count.Should().Be(0);
    }

    [Fact]
    public void CheckedInList_ParsesWithoutDuplicates()
    {
        var root = RepositoryPaths.FindRepositoryRoot(AppContext.BaseDirectory)!;
        var path = RepositoryPaths.DefaultKnownFailures(root);
        var lines = File.ReadAllLines(path);

        var known = KnownFailures.Parse(lines);

        known.Count.Should().Be(lines.Count(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')));
    }

    internal static CaseResult Result(string id, CaseVerdict verdict, string? detail, string category = "base") =>
        new(TestCases.Minimal(id, category), verdict, detail);
}
