using Amazon.Runtime;

namespace Gdpr.Workflows.Aws.Tests;

public sealed class AwsCredentialsResolverTests
{
    [Fact]
    public void Resolve_KeysAndSessionToken_ReturnsSessionCredentials()
    {
        var environment = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = "ASIAEXAMPLE",
            ["AWS_SECRET_ACCESS_KEY"] = "secret",
            ["AWS_SESSION_TOKEN"] = "token",
            ["AWS_PROFILE"] = "ignored-when-keys-are-set",
        };

        var credentials = AwsCredentialsResolver.Resolve(environment.GetValueOrDefault).GetCredentials();

        credentials.Should().BeEquivalentTo(new { AccessKey = "ASIAEXAMPLE", SecretKey = "secret", Token = "token", UseToken = true });
    }

    [Fact]
    public void Resolve_KeysWithoutToken_ReturnsBasicCredentials()
    {
        var environment = new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "AKIAEXAMPLE", ["AWS_SECRET_ACCESS_KEY"] = "secret" };

        var credentials = AwsCredentialsResolver.Resolve(environment.GetValueOrDefault);

        credentials.Should().BeOfType<BasicAWSCredentials>();
        credentials.GetCredentials().UseToken.Should().BeFalse();
    }

    [Fact]
    public void FromProfile_ProfileInCredentialsFile_ReturnsItsKeys()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "[other]\naws_access_key_id = AKIAOTHER\naws_secret_access_key = s1\n\n[erasure]\naws_access_key_id = AKIAERASURE\naws_secret_access_key = s2\n");

            var credentials = AwsCredentialsResolver.FromProfile("erasure", file).GetCredentials();

            credentials.AccessKey.Should().Be("AKIAERASURE");
            credentials.SecretKey.Should().Be("s2");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void FromProfile_UnknownProfile_ThrowsNamingIt()
    {
        var file = Path.GetTempFileName();
        try
        {
            var read = () => AwsCredentialsResolver.FromProfile("missing", file);

            read.Should().Throw<InvalidOperationException>().WithMessage("*'missing'*");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
