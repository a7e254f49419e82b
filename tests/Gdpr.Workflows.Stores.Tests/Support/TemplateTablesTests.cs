namespace Gdpr.Workflows.Stores.Tests.Support;

public sealed class TemplateTablesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gdpr-template-").FullName;

    [Fact]
    public void Read_RepositoryTemplate_EveryTableWithKeysIndexesAndTtl()
    {
        var tables = TemplateTables.Read(RepositoryPaths.TemplateFile, "p-").ToDictionary(t => t.LogicalId);

        tables.Keys.Should().BeEquivalentTo(["RequestsTable", "AuditTable", "VaultTable", "TaskTokensTable"]);
        tables["AuditTable"].Request.TableName.Should().Be("p-Audit");
        tables["AuditTable"].Request.KeySchema.Select(k => k.AttributeName).Should().Equal("requestId", "sequence");
        tables["AuditTable"].Request.GlobalSecondaryIndexes.Select(i => i.IndexName).Should().BeEquivalentTo(["BySubjectHash", "ByDay", "BySystem"]);
        tables["RequestsTable"].Request.GlobalSecondaryIndexes.Select(i => i.IndexName).Should().BeEquivalentTo(["OpenByDeadline", "ByStatus", "BySubjectHash"]);
        tables["VaultTable"].TimeToLiveAttribute.Should().Be("expiresAt");
        tables["RequestsTable"].TimeToLiveAttribute.Should().BeNull();
    }

    [Fact]
    public void Read_IntrinsicFunctionInAKey_FailsNamingTheField()
    {
        var path = Path.Combine(_directory, "template.yaml");
        File.WriteAllText(path, """
            Resources:
              ThingsTable:
                Type: AWS::DynamoDB::Table
                Properties:
                  AttributeDefinitions:
                    - {AttributeName: !Ref KeyName, AttributeType: S}
                  KeySchema:
                    - {AttributeName: id, KeyType: HASH}
              Other:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Sub "${AWS::StackName} topic"
            """);

        var read = () => TemplateTables.Read(path, "p-");

        read.Should().Throw<InvalidDataException>().WithMessage("*AttributeName*plain value*");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
