using Gdpr.Workflows.Functions.Hosting.HttpApi;

namespace Gdpr.Workflows.Functions.Tests.Hosting.HttpApi;

public sealed class SystemCallerTests
{
    [Theory]
    [InlineData("arn:aws:sts::123456789012:assumed-role/gdpr-system-support-desk/connector-1", "support-desk")]
    [InlineData("arn:aws:iam::123456789012:user/gdpr-system-loyalty", "loyalty")]
    [InlineData("arn:aws:iam::123456789012:user/teams/gdpr-system-crm", "crm")]
    public void SystemOf_RoleOrUserNamedForASystem_IsThatSystem(string arn, string system)
    {
        SystemCaller.SystemOf(CallerIdentity.FromArn(arn)).Should().Be(system);
    }

    [Theory]
    [InlineData("arn:aws:sts::123456789012:assumed-role/GdprOfficer/jsmith")]
    [InlineData("arn:aws:iam::123456789012:user/gdpr-officer")]
    [InlineData("arn:aws:iam::123456789012:user/gdpr-system-")]
    [InlineData("arn:aws:sts::123456789012:assumed-role/ops/gdpr-system-crm")]
    [InlineData("arn:aws:iam::123456789012:root")]
    public void SystemOf_AnyOtherPrincipal_IsNone(string arn)
    {
        SystemCaller.SystemOf(CallerIdentity.FromArn(arn)).Should().BeNull();
    }

    [Fact]
    public void SystemOf_Unauthenticated_IsNone()
    {
        SystemCaller.SystemOf(CallerIdentity.Unknown).Should().BeNull();
    }
}
