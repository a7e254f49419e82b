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
        // Twenty files, each raced by sixteen first users (the old check-then-rename lost about one race in three).
        for (var round = 0; round < 20; round++)
        {
            var path = Path.Combine(directory, $"raced-{round}");

            var secrets = Enumerable.Range(0, 16).AsParallel().WithDegreeOfParallelism(16).Select(_ => SecretFile.ReadOrCreate(path, 32)).ToList();

            secrets.Should().AllSatisfy(s => s.Should().Equal(secrets[0]));
            SecretFile.ReadOrCreate(path, 32).Should().Equal(secrets[0]);
        }
    }

    [Fact]
    public void ApiTokens_EachRoleAndSystem_HasItsOwnToken()
    {
        var tokens = ApiTokens.LoadOrCreate(GdprHome.At(directory), ["orders", "support-desk"]);

        new[] { tokens.Officer, tokens.Auditor, tokens.Systems["orders"], tokens.Systems["support-desk"] }.Should().OnlyHaveUniqueItems();
        tokens.Authenticate(tokens.Auditor).Should().Be(new ApiPrincipal(ApiRole.Auditor));
        tokens.Authenticate(tokens.Systems["support-desk"]).Should().Be(new ApiPrincipal(ApiRole.System, "support-desk"));
        tokens.Authenticate("not-a-token").Should().BeNull();
        File.Exists(Path.Combine(directory, "api-token")).Should().BeTrue();
        File.Exists(Path.Combine(directory, "api-token-system-orders")).Should().BeTrue();
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
