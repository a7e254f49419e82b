using System.Text.Json.Nodes;
using Gdpr.Workflows.Stack.Tests.Template;

namespace Gdpr.Workflows.Stack.Tests.Checks;

/// <summary>An IAM-style statement written in the template (identity policy, key policy, topic policy...).</summary>
internal sealed record PolicyStatement(
    string Owner,
    string Location,
    string? Sid,
    bool IsAllow,
    IReadOnlyList<string> Actions,
    bool IsNotAction,
    IReadOnlyList<JsonNode?> Resources,
    bool IsNotResource);

/// <summary>A SAM policy template (<c>- DynamoDBCrudPolicy: {TableName: ...}</c>) in a serverless resource's Policies.</summary>
internal sealed record PolicyTemplateUse(string Owner, string Location, string Name, JsonNode? Arguments);

/// <summary>A managed policy named by a resource; the template cannot show what it grants.</summary>
internal sealed record ManagedPolicyUse(string Owner, string Location, string Name);

/// <summary>Every permission grant a template writes down, wherever it is.</summary>
internal sealed class PolicyInventory
{
    private static readonly string[] ServerlessTypes = ["AWS::Serverless::Function", "AWS::Serverless::StateMachine"];

    public List<PolicyStatement> Statements { get; } = [];

    public List<PolicyTemplateUse> Templates { get; } = [];

    public List<ManagedPolicyUse> ManagedPolicies { get; } = [];

    public static PolicyInventory Of(StackTemplate template)
    {
        var inventory = new PolicyInventory();
        foreach (var resource in template.Resources)
        {
            var location = $"Resources.{resource.LogicalId}.Properties";
            inventory.FindStatements(resource.LogicalId, resource.Properties, location);
            if (ServerlessTypes.Contains(resource.Type))
            {
                inventory.ReadServerlessPolicies(resource.LogicalId, resource.Properties["Policies"], $"{location}.Policies");
            }

            if (resource.Properties["ManagedPolicyArns"] is JsonArray arns)
            {
                for (var i = 0; i < arns.Count; i++)
                {
                    inventory.ManagedPolicies.Add(new(resource.LogicalId, $"{location}.ManagedPolicyArns[{i}]", Describe(arns[i])));
                }
            }
        }

        return inventory;
    }

    private void ReadServerlessPolicies(string owner, JsonNode? policies, string location)
    {
        var items = policies switch
        {
            null => [],
            JsonArray array => array.Select((item, i) => (item, $"{location}[{i}]")).ToList(),
            _ => [(policies, location)],
        };

        foreach (var (item, itemLocation) in items)
        {
            switch (item)
            {
                case JsonValue:
                    ManagedPolicies.Add(new(owner, itemLocation, Describe(item)));
                    break;
                case JsonObject obj when obj.Count == 1 && !obj.ContainsKey("Statement") && !obj.ContainsKey("Version"):
                    var (name, arguments) = obj.First();
                    if (name.StartsWith("Fn::", StringComparison.Ordinal) || name == "Ref")
                    {
                        ManagedPolicies.Add(new(owner, itemLocation, Describe(obj)));
                    }
                    else
                    {
                        Templates.Add(new(owner, itemLocation, name, arguments));
                    }

                    break;
                default:
                    break; // Policy documents: their statements were found by FindStatements.
            }
        }
    }

    private void FindStatements(string owner, JsonNode? node, string location)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    var childLocation = $"{location}.{key}";
                    if (key == "Statement" && IsStatementList(value))
                    {
                        AddStatements(owner, value!, childLocation);
                    }
                    else
                    {
                        FindStatements(owner, value, childLocation);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    FindStatements(owner, array[i], $"{location}[{i}]");
                }

                break;
            default:
                break;
        }
    }

    private static bool IsStatementList(JsonNode? value) => value switch
    {
        JsonObject single => single.ContainsKey("Effect"),
        JsonArray list => list.Any(s => s is JsonObject o && o.ContainsKey("Effect")),
        _ => false,
    };

    private void AddStatements(string owner, JsonNode value, string location)
    {
        var statements = value is JsonArray list
            ? list.Select((s, i) => (s as JsonObject, $"{location}[{i}]"))
            : [(value as JsonObject, location)];
        foreach (var (statement, statementLocation) in statements)
        {
            if (statement is null)
            {
                continue;
            }

            var isNotAction = statement.ContainsKey("NotAction");
            var isNotResource = statement.ContainsKey("NotResource");
            Statements.Add(new PolicyStatement(
                owner,
                statementLocation,
                StackTemplate.Text(statement["Sid"]),
                !string.Equals(StackTemplate.Text(statement["Effect"]), "Deny", StringComparison.Ordinal),
                Strings(statement[isNotAction ? "NotAction" : "Action"]),
                isNotAction,
                Nodes(statement[isNotResource ? "NotResource" : "Resource"]),
                isNotResource));
        }
    }

    private static List<string> Strings(JsonNode? node) => node switch
    {
        JsonArray array => [.. array.Select(Describe)],
        null => [],
        _ => [Describe(node)],
    };

    private static List<JsonNode?> Nodes(JsonNode? node) => node switch
    {
        JsonArray array => [.. array],
        null => [],
        _ => [node],
    };

    private static string Describe(JsonNode? node) => StackTemplate.Text(node) ?? node?.ToJsonString() ?? "null";
}
