using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Tests.Local;

public sealed class GdprHomeTests
{
    [Fact]
    public void Resolve_GdprHomeSet_UsesIt()
    {
        var home = GdprHome.Resolve(name => name == "GDPR_HOME" ? "/tmp/somewhere" : null);

        home.Directory.Should().Be("/tmp/somewhere");
        home.EngineFile.Should().Be("/tmp/somewhere/engine.db");
    }

    [Fact]
    public void Resolve_GdprHomeUnset_UsesDotFolderInTheUsersHome()
    {
        var home = GdprHome.Resolve(name => name == "HOME" ? "/home/officer" : null);

        home.Directory.Should().Be("/home/officer/.gdpr-workflows");
    }

    [Fact]
    public void RepositoryTemplate_FromInsideTheRepository_FindsTemplateBesideTheSolution()
    {
        var template = RepositoryTemplate.Find(startDirectory: AppContext.BaseDirectory);

        File.Exists(Path.Combine(Path.GetDirectoryName(template)!, "Gdpr.Workflows.sln")).Should().BeTrue();
    }

    [Fact]
    public void RepositoryTemplate_MissingExplicitPath_SaysWhatToPass()
    {
        var act = () => RepositoryTemplate.Find("/no/such/template.yaml");

        act.Should().Throw<FileNotFoundException>().WithMessage("*--template*");
    }

    [Fact]
    public void EngineLock_SecondAcquirer_IsRefused()
    {
        var path = Path.Combine(Path.GetTempPath(), "gdpr-lock-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var first = EngineLock.TryAcquire(path);
            using var second = EngineLock.TryAcquire(path);

            first.Should().NotBeNull();
            second.Should().BeNull();
        }
        finally
        {
            File.Delete(path);
        }
    }
}
