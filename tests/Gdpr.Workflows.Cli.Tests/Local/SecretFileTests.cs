using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Tests.Local;

public sealed class SecretFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("gdpr-secret-").FullName;

    [Fact]
    public void ReadOrCreate_FirstUse_WritesAnOwnerOnlyFile()
    {
        var path = Path.Combine(directory, "master.key");

        var secret = SecretFile.ReadOrCreate(path, 32);

        secret.Should().HaveCount(32);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public void ReadOrCreate_SecondUse_ReturnsTheSameSecret()
    {
        var path = Path.Combine(directory, "pepper");

        var first = SecretFile.ReadOrCreate(path, 32);
        var second = SecretFile.ReadOrCreate(path, 32);

        second.Should().Equal(first);
    }

    [Fact]
    public void ReadOrCreate_ConcurrentFirstUses_AgreeOnOneSecret()
    {
        var path = Path.Combine(directory, "raced");

        var secrets = Enumerable.Range(0, 8).AsParallel().Select(_ => SecretFile.ReadOrCreate(path, 32)).ToList();

        secrets.Should().AllSatisfy(s => s.Should().Equal(secrets[0]));
    }

    [Fact]
    public void ApiTokens_EachRole_HasItsOwnToken()
    {
        var tokens = ApiTokens.LoadOrCreate(GdprHome.At(directory));

        tokens.Text.Values.Should().OnlyHaveUniqueItems();
        tokens.RoleOf(tokens.Text[ApiRole.Auditor]).Should().Be(ApiRole.Auditor);
        tokens.RoleOf("not-a-token").Should().BeNull();
        File.Exists(Path.Combine(directory, "api-token")).Should().BeTrue();
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
