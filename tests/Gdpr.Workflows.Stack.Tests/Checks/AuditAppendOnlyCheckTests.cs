using Gdpr.Workflows.Stack.Tests.Checks;
using Gdpr.Workflows.Stack.Tests.Support;
using Gdpr.Workflows.Stack.Tests.Template;

namespace Gdpr.Workflows.Stack.Tests.ChecksTests;

public class AuditAppendOnlyCheckTests
{
    private static IReadOnlyList<string> CheckFixture() =>
        AuditAppendOnlyCheck.Check(StackTemplate.Load(RepositoryPaths.Fixture("audit-update-granted.template.yaml")));

    [Fact]
    public void Check_RealTemplate_FindsNoWayToChangeAuditRecords()
    {
        AuditAppendOnlyCheck.Check(StackTemplate.Load(RepositoryPaths.TemplateFile)).Should().BeEmpty();
    }

    [Fact]
    public void Check_StatementGrantingUpdateItemOnAudit_Fails()
    {
        CheckFixture().Should().ContainSingle(v => v.Contains("UpdaterFunction", StringComparison.Ordinal))
            .Which.Should().Contain("dynamodb:UpdateItem");
    }

    [Fact]
    public void Check_CrudPolicyTemplateOnAudit_Fails()
    {
        CheckFixture().Should().ContainSingle(v => v.Contains("CrudFunction", StringComparison.Ordinal))
            .Which.Should().Contain("DynamoDBCrudPolicy").And.Contain("dynamodb:DeleteItem");
    }

    [Fact]
    public void Check_WildcardActionOnEveryTable_CountsAsAGrantOnAudit()
    {
        CheckFixture().Should().ContainSingle(v => v.Contains("JanitorFunction", StringComparison.Ordinal))
            .Which.Should().Contain("dynamodb:DeleteItem").And.Contain("dynamodb:DeleteTable");
    }

    [Fact]
    public void Check_PutAndQueryOnly_IsNotReported()
    {
        CheckFixture().Should().HaveCount(3).And.NotContain(v => v.Contains("AppenderFunction", StringComparison.Ordinal));
    }
}
