using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using YamlDotNet.RepresentationModel;

namespace Gdpr.Workflows.TestSupport.DynamoDb;

/// <summary>
/// Creates the DynamoDB tables exactly as template.yaml declares them (key schema, attribute
/// definitions, GSIs with their projections, TTL attribute), so a store that relies on a key or index
/// the template does not have fails its tests. CloudFormation tags (!Ref, !Sub...) elsewhere in the
/// file are read as tagged nodes and ignored; inside the table fields that matter they are an error.
/// </summary>
public static class TemplateTables
{
    private const string TableType = "AWS::DynamoDB::Table";

    /// <summary>The tables of template.yaml; a table's name is <paramref name="prefix"/> + its logical id without "Table".</summary>
    public static IReadOnlyList<TableDefinition> Read(string templatePath, string prefix)
    {
        var stream = new YamlStream();
        using (var reader = File.OpenText(templatePath))
        {
            stream.Load(reader);
        }

        var root = (YamlMappingNode)stream.Documents.Single().RootNode;
        var resources = Mapping(root, "Resources") ?? throw new InvalidDataException($"{templatePath}: no Resources.");
        var tables = new List<TableDefinition>();
        foreach (var (key, value) in resources.Children)
        {
            if (value is not YamlMappingNode resource || Text(resource, "Type") != TableType)
            {
                continue;
            }

            var logicalId = ((YamlScalarNode)key).Value!;
            var properties = Mapping(resource, "Properties") ?? throw new InvalidDataException($"{logicalId}: no Properties.");
            var name = prefix + (logicalId.EndsWith("Table", StringComparison.Ordinal) ? logicalId[..^"Table".Length] : logicalId);
            var request = new CreateTableRequest
            {
                TableName = name,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                AttributeDefinitions = Sequence(properties, "AttributeDefinitions")
                    .Select(a => new AttributeDefinition(Required(a, "AttributeName"), new ScalarAttributeType(Required(a, "AttributeType"))))
                    .ToList(),
                KeySchema = KeySchema(properties),
            };
            var indexes = Sequence(properties, "GlobalSecondaryIndexes")
                .Select(i => (YamlMappingNode)i)
                .Select(i => new GlobalSecondaryIndex { IndexName = Required(i, "IndexName"), KeySchema = KeySchema(i), Projection = Projection(i) })
                .ToList();
            if (indexes.Count > 0)
            {
                request.GlobalSecondaryIndexes = indexes;
            }

            var ttl = Mapping(properties, "TimeToLiveSpecification");
            tables.Add(new TableDefinition(logicalId, request, ttl is null ? null : Required(ttl, "AttributeName")));
        }

        return tables;
    }

    /// <summary>Creates every table of <paramref name="templatePath"/> under <paramref name="prefix"/> and waits until they are active.</summary>
    public static async Task<IReadOnlyList<TableDefinition>> CreateAsync(IAmazonDynamoDB client, string templatePath, string prefix)
    {
        var tables = Read(templatePath, prefix);
        await Task.WhenAll(tables.Select(t => CreateOneAsync(client, t)));
        return tables;
    }

    /// <summary>Deletes the tables <see cref="CreateAsync"/> made; a missing one is fine.</summary>
    public static Task DeleteAsync(IAmazonDynamoDB client, string templatePath, string prefix) =>
        Task.WhenAll(Read(templatePath, prefix).Select(async t =>
        {
            try
            {
                await client.DeleteTableAsync(t.Request.TableName);
            }
            catch (ResourceNotFoundException)
            {
                // Never created, or gone already.
            }
        }));

    private static async Task CreateOneAsync(IAmazonDynamoDB client, TableDefinition table)
    {
        await client.CreateTableAsync(table.Request);
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            var description = (await client.DescribeTableAsync(table.Request.TableName)).Table;
            if (description.TableStatus == TableStatus.ACTIVE
                && (description.GlobalSecondaryIndexes ?? []).All(i => i.IndexStatus == IndexStatus.ACTIVE))
            {
                break;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Table {table.Request.TableName} did not become active.");
            }

            await Task.Delay(200);
        }

        if (table.TimeToLiveAttribute is { } attribute)
        {
            await client.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
            {
                TableName = table.Request.TableName,
                TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = attribute, Enabled = true },
            });
        }
    }

    private static List<KeySchemaElement> KeySchema(YamlMappingNode node) =>
        Sequence(node, "KeySchema").Select(k => new KeySchemaElement(Required(k, "AttributeName"), new KeyType(Required(k, "KeyType")))).ToList();

    private static Projection Projection(YamlMappingNode index)
    {
        var node = Mapping(index, "Projection") ?? throw new InvalidDataException($"Index {Text(index, "IndexName")}: no Projection.");
        var projection = new Projection { ProjectionType = new ProjectionType(Required(node, "ProjectionType")) };
        var nonKey = Sequence(node, "NonKeyAttributes");
        if (nonKey.Count > 0)
        {
            projection.NonKeyAttributes = nonKey.Select(n => Scalar(n, "NonKeyAttributes")).ToList();
        }

        return projection;
    }

    private static YamlMappingNode? Mapping(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlMappingNode : null;

    private static List<YamlNode> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlSequenceNode sequence ? [.. sequence.Children] : [];

    private static string? Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    private static string Required(YamlNode node, string key)
    {
        var mapping = node as YamlMappingNode ?? throw new InvalidDataException($"Expected a mapping with {key} at {node.Start}.");
        if (!mapping.Children.TryGetValue(new YamlScalarNode(key), out var value))
        {
            throw new InvalidDataException($"Missing {key} at {node.Start}.");
        }

        return Scalar(value, key);
    }

    private static string Scalar(YamlNode value, string key) =>
        value is YamlScalarNode { Tag.IsEmpty: true, Value: { } text }
            ? text
            : throw new InvalidDataException($"{key} at {value.Start} must be a plain value, not an intrinsic function, for the tests to create the table.");
}

/// <summary>One AWS::DynamoDB::Table of the template, as a CreateTable request plus its TTL attribute.</summary>
public sealed record TableDefinition(string LogicalId, CreateTableRequest Request, string? TimeToLiveAttribute);
