using Gdpr.Workflows.Erasure.Audit;

namespace Gdpr.Workflows.Erasure.Tests.Audit;

public class AuditEventTypeTests
{
    [Fact]
    public void WellKnown_Name_IsThePropertyName()
    {
        AuditEventType.SystemErased.Name.Should().Be("SystemErased");
        AuditEventType.RequestReceived.ToString().Should().Be("RequestReceived");
    }

    [Fact]
    public void Equals_SameName_AreEqual()
    {
        new AuditEventType("SystemErased").Should().Be(AuditEventType.SystemErased);
    }

    [Theory]
    [InlineData("")]
    [InlineData("systemErased")]
    [InlineData("System Erased")]
    [InlineData("System-Erased")]
    public void Constructor_NotPascalCaseAscii_Throws(string name)
    {
        var act = () => new AuditEventType(name);

        act.Should().Throw<ArgumentException>().WithMessage("*PascalCase*");
    }
}
