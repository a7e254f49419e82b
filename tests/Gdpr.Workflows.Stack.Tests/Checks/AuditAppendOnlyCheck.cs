using System.Text.Json.Nodes;
using Gdpr.Workflows.Stack.Tests.Template;

namespace Gdpr.Workflows.Stack.Tests.Checks;

/// <summary>
/// The audit table is append-only by policy: no statement, SAM policy template or broad managed policy in the
/// template may grant an action that changes or removes an existing record (or the table) on it. Grants on
/// Resource '*' or on every table count as grants on the audit table.
/// </summary>
internal static class AuditAppendOnlyCheck
{
    public const string DefaultAuditTable = "AuditTable";

    public static readonly IReadOnlyList<string> ForbiddenActions =
    [
        "dynamodb:UpdateItem",
        "dynamodb:DeleteItem",
        "dynamodb:BatchWriteItem", // can delete
        "dynamodb:PartiQLUpdate",
        "dynamodb:PartiQLDelete",
        "dynamodb:DeleteTable",
        "dynamodb:RestoreTableFromBackup",
    ];

    private static readonly string[] BroadManagedPolicies = ["AdministratorAccess", "PowerUserAccess", "*DynamoDBFullAccess*"];

    public static IReadOnlyList<string> Check(StackTemplate template, string auditTable = DefaultAuditTable)
    {
        if (!template.Resources.Any(r => r.LogicalId == auditTable))
        {
            return [$"No resource named {auditTable}: the append-only check has nothing to protect"];
        }

        var violations = new List<string>();
        var inventory = PolicyInventory.Of(template);
        foreach (var statement in inventory.Statements.Where(s => s.IsAllow))
        {
            var granted = ForbiddenActions.Where(forbidden => Grants(statement, forbidden)).ToList();
            if (granted.Count > 0 && Targets(statement, auditTable))
            {
                violations.Add($"{statement.Location} ({statement.Owner}): grants {string.Join(", ", granted)} on the append-only {auditTable}");
            }
        }

        foreach (var use in inventory.Templates.Where(u => StackTemplate.ReferencedLogicalIds(u.Arguments).Contains(auditTable)))
        {
            if (!SamPolicyTemplates.Scoped.TryGetValue(use.Name, out var actions))
            {
                violations.Add($"{use.Location} ({use.Owner}): unknown SAM policy template {use.Name} on the append-only {auditTable}");
                continue;
            }

            var granted = actions.Intersect(ForbiddenActions, StringComparer.OrdinalIgnoreCase).ToList();
            if (granted.Count > 0)
            {
                violations.Add($"{use.Location} ({use.Owner}): {use.Name} grants {string.Join(", ", granted)} on the append-only {auditTable}");
            }
        }

        foreach (var managed in inventory.ManagedPolicies.Where(m => BroadManagedPolicies.Any(p => Glob.Matches($"*{p}", m.Name))))
        {
            violations.Add($"{managed.Location} ({managed.Owner}): managed policy {managed.Name} can change every table, the append-only {auditTable} included");
        }

        return violations;
    }

    private static bool Grants(PolicyStatement statement, string action) =>
        statement.IsNotAction
            ? !statement.Actions.Any(pattern => Glob.Matches(pattern, action))
            : statement.Actions.Any(pattern => Glob.Matches(pattern, action));

    private static bool Targets(PolicyStatement statement, string auditTable)
    {
        bool Covers(JsonNode? resource) =>
            StackTemplate.Text(resource) == "*"
            || StackTemplate.ReferencedLogicalIds(resource).Contains(auditTable)
            || (resource?.ToJsonString().Contains("table/*", StringComparison.Ordinal) ?? false);

        return statement.IsNotResource
            ? !statement.Resources.Any(r => StackTemplate.ReferencedLogicalIds(r).Contains(auditTable))
            : statement.Resources.Any(Covers);
    }
}
