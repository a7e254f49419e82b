using Gdpr.Workflows.Stores.DynamoDb;

namespace Gdpr.Workflows.Stores.Tests.DynamoDb;

public sealed class DynamoDbStoreOptionsTests
{
    [Fact]
    public void FromEnvironment_TemplateVariables_ReadsTablesAndRetention()
    {
        var environment = new Dictionary<string, string>
        {
            ["REQUESTS_TABLE"] = "r",
            ["AUDIT_TABLE"] = "a",
            ["VAULT_TABLE"] = "v",
            ["TASK_TOKENS_TABLE"] = "t",
            ["AUDIT_RETENTION_DAYS"] = "400",
        };

        var options = DynamoDbStoreOptions.FromEnvironment(environment.GetValueOrDefault);

        (options.RequestsTable, options.AuditTable, options.VaultTable, options.TaskTokensTable).Should().Be(("r", "a", "v", "t"));
        options.AuditRetention.Should().Be(TimeSpan.FromDays(400));
        options.VaultSafetyNet.Should().Be(TimeSpan.FromDays(100));
    }

    [Fact]
    public void FromEnvironment_MissingTableOrBadDays_ThrowsNamingTheVariable()
    {
        var missing = () => DynamoDbStoreOptions.FromEnvironment(_ => null);
        var badDays = () => DynamoDbStoreOptions.FromEnvironment(name => name switch { "VAULT_SAFETY_NET_DAYS" => "ten", "AUDIT_RETENTION_DAYS" => null, _ => "x" });

        missing.Should().Throw<InvalidOperationException>().WithMessage("*REQUESTS_TABLE*");
        badDays.Should().Throw<InvalidOperationException>().WithMessage("*VAULT_SAFETY_NET_DAYS*ten*");
    }
}
