using Gdpr.Workflows.Functions.Hosting.HttpApi;

namespace Gdpr.Workflows.Functions.Tests.Hosting.HttpApi;

public sealed class CallerIdentityTests
{
    [Theory]
    [InlineData("arn:aws:iam::123456789012:user/ops", "user/ops")]
    [InlineData("arn:aws:sts::123456789012:assumed-role/GdprOfficer/jsmith", "assumed-role/GdprOfficer/jsmith")]
    public void FromArn_PlainPrincipal_DropsPartitionAndAccount(string arn, string actor)
    {
        CallerIdentity.FromArn(arn).Should().Be(actor);
    }

    [Fact]
    public void FromArn_SessionNamedByEmail_ReplacesTheSessionWithAStableHash()
    {
        var arn = "arn:aws:sts::123456789012:assumed-role/GdprOfficer/j.smith@corp.example";

        var actor = CallerIdentity.FromArn(arn);

        actor.Should().MatchRegex("^assumed-role/GdprOfficer/sha256-[0-9a-f]{16}$");
        CallerIdentity.FromArn(arn).Should().Be(actor);
    }

    [Fact]
    public void From_NoIamAuthorizer_IsUnknown()
    {
        CallerIdentity.From(null).Should().Be(CallerIdentity.Unknown);
    }
}
