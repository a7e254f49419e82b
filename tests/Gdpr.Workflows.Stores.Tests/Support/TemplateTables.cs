using Amazon.DynamoDBv2;
using Gdpr.Workflows.Stores.DynamoDb;
using Gdpr.Workflows.TestSupport.DynamoDb;

namespace Gdpr.Workflows.Stores.Tests.Support;

/// <summary>
/// template.yaml's DynamoDB tables for the store tests (see TestSupport's <see cref="Gdpr.Workflows.TestSupport.DynamoDb.TemplateTables"/>),
/// checked to include every table the stores use.
/// </summary>
public static class TemplateTables
{
    /// <summary>The tables of a template; a table's name is <paramref name="prefix"/> + its logical id without "Table".</summary>
    public static IReadOnlyList<TableDefinition> Read(string templatePath, string prefix) =>
        Gdpr.Workflows.TestSupport.DynamoDb.TemplateTables.Read(templatePath, prefix);

    /// <summary>Creates every template table under <paramref name="prefix"/>, waits until they are active and returns the stores' options.</summary>
    public static async Task<DynamoDbStoreOptions> CreateAsync(IAmazonDynamoDB client, string prefix)
    {
        var tables = await Gdpr.Workflows.TestSupport.DynamoDb.TemplateTables.CreateAsync(client, RepositoryPaths.TemplateFile, prefix);
        var options = DynamoDbStoreOptions.WithPrefix(prefix);
        var names = tables.Select(t => t.Request.TableName).ToHashSet(StringComparer.Ordinal);
        foreach (var expected in new[] { options.RequestsTable, options.AuditTable, options.VaultTable, options.TaskTokensTable })
        {
            if (!names.Contains(expected))
            {
                throw new InvalidDataException($"template.yaml declares no table that maps to {expected}; tables: {string.Join(", ", names)}.");
            }
        }

        return options;
    }

    public static Task DeleteAsync(IAmazonDynamoDB client, string prefix) =>
        Gdpr.Workflows.TestSupport.DynamoDb.TemplateTables.DeleteAsync(client, RepositoryPaths.TemplateFile, prefix);
}
