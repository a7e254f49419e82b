namespace Gdpr.Workflows.Engine.Tests.Conformance;

/// <summary>A fact that reads the conformance corpus: skipped, with the reason, where there is none.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        Skip = Corpus.MissingReason;
    }
}

/// <summary>A theory that reads the conformance corpus: skipped, with the reason, where there is none.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        Skip = Corpus.MissingReason;
    }
}
