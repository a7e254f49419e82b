using Gdpr.Workflows.Conformance.Core;

namespace Gdpr.Workflows.Engine.Tests.Conformance;

public class RunnerPlumbingTests
{
    [Theory]
    [InlineData("2025-01-01T00:00:00Z", "date")]
    [InlineData("at 2024-02-29T23:59:59.123456789+01:00 then", "at date then")]
    [InlineData("2024-02-30T00:00:00Z", "2024-02-30T00:00:00Z")]
    [InlineData("2016-03-14T01:59:00", "2016-03-14T01:59:00")]
    [InlineData("arn:aws:states:eu-west-1:123456789012:execution:sm:e", "arn:<partition>:states:<region>:111111111111:execution:sm:e")]
    public void Normalize_Text_ReplacesLikeTheRecorder(string actual, string expected)
    {
        new RecorderNormalizer("123456789012", "eu-west-1").Normalize(actual).Should().Be(expected);
    }

    [CorpusFact]
    public void Parse_RealCorpusFiles_ReadsEveryLine()
    {
        Corpus.All(Corpus.Cases).Should().HaveCount(File.ReadLines(Corpus.PathOf(Corpus.Cases)).Count());
        Corpus.All(Corpus.DefinitionRejections).Should().OnlyContain(c => c.IsDefinitionRejection && c.Expected.Status == "CREATE_FAILED");

        var lambdaCase = Corpus.Case(Corpus.CasesWithServices, "TestTaskServiceLambda::test_no_such_function");
        lambdaCase.Category.Should().Be("error_handling");
        lambdaCase.Needs.Should().Equal("lambda");
        lambdaCase.Fixtures.Should().ContainSingle().Which.HandlerFile.Should().EndWith("raise_exception.py");
        lambdaCase.Placeholders.Should().ContainSingle().Which.Tokens.Should().Contain("<request_id>");
        lambdaCase.InputJson.Should().Be("""{"FunctionName":"no_such_<lambda_function_name>","Payload":null}""");
    }

    [CorpusFact]
    public void FindCorpusFolder_FromTheRepository_FindsTheSharedCorpus()
    {
        var root = RepositoryPaths.FindRepositoryRoot(AppContext.BaseDirectory);

        root.Should().NotBeNull();
        File.Exists(Path.Combine(root!, RepositoryPaths.SolutionFile)).Should().BeTrue();
        RepositoryPaths.ResolveCorpus(null, root).Should().EndWith(Path.Combine("localstack-sfn", "cases.jsonl"));
        RepositoryPaths.ResolveCorpus("cases-with-services.jsonl", root).Should().EndWith("cases-with-services.jsonl");
        RepositoryPaths.ResolveCorpus("no-such-file.jsonl", root).Should().BeNull();
    }

    [Fact]
    public void Parse_AllOptions_AreRead()
    {
        var options = CommandLineOptions.Parse(
            ["x.jsonl", "--filter", "Wait", "--verbose", "--known-failures", "k.txt", "--write-known-failures", "--timeout", "2.5", "--parallel", "3"],
            out var error);

        error.Should().BeNull();
        options.Should().Be(new CommandLineOptions("x.jsonl", "Wait", true, "k.txt", true, TimeSpan.FromSeconds(2.5), 3));
    }

    [Theory]
    [InlineData("--filter")]
    [InlineData("--timeout", "0")]
    [InlineData("--parallel", "two")]
    [InlineData("a.jsonl", "b.jsonl")]
    public void Parse_BadArguments_ReportsAnError(params string[] args)
    {
        CommandLineOptions.Parse(args, out var error).Should().BeNull();

        error.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void Parse_NoArguments_UsesDefaults()
    {
        var options = CommandLineOptions.Parse([], out _)!;

        options.Corpus.Should().BeNull();
        options.CaseTimeout.Should().Be(TimeSpan.FromSeconds(10));
        options.Parallelism.Should().Be(Environment.ProcessorCount);
    }
}
