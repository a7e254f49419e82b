using System.Text.Json.Nodes;
using Gdpr.Workflows.Stack.Tests.Template;

namespace Gdpr.Workflows.Stack.Tests.Checks;

/// <summary>
/// No grant of Action '*' or Resource '*' (nor their NotAction/NotResource equivalents, nor a SAM policy template
/// or managed policy that hides one) unless Metadata.WildcardAllowList names the resource and statement Sid
/// with a reason. Entries that match nothing are reported too, so the list cannot rot.
/// </summary>
internal static class WildcardPolicyCheck
{
    public const string AllowListKey = "WildcardAllowList";

    public static IReadOnlyList<string> Check(StackTemplate template)
    {
        var violations = new List<string>();
        var allowed = ReadAllowList(template, violations);
        var used = new HashSet<(string Resource, string Sid)>();
        var inventory = PolicyInventory.Of(template);

        foreach (var statement in inventory.Statements.Where(s => s.IsAllow))
        {
            var wildcards = Wildcards(statement);
            if (wildcards.Count == 0)
            {
                continue;
            }

            var key = (statement.Owner, statement.Sid ?? string.Empty);
            if (statement.Sid is not null && allowed.Contains(key))
            {
                used.Add(key);
                continue;
            }

            violations.Add($"{statement.Location}: {string.Join(" and ", wildcards)} is not in Metadata.{AllowListKey} " +
                $"(add Resource: {statement.Owner}, Sid: {statement.Sid ?? "<give the statement a Sid>"}, Reason: why AWS requires it)");
        }

        foreach (var use in inventory.Templates)
        {
            if (SamPolicyTemplates.Scoped.ContainsKey(use.Name))
            {
                continue;
            }

            var key = (use.Owner, use.Name);
            if (SamPolicyTemplates.Wildcard.Contains(use.Name) && allowed.Contains(key))
            {
                used.Add(key);
                continue;
            }

            violations.Add(SamPolicyTemplates.Wildcard.Contains(use.Name)
                ? $"{use.Location}: SAM policy template {use.Name} grants on Resource '*' and is not in Metadata.{AllowListKey} (Sid: {use.Name})"
                : $"{use.Location}: unknown SAM policy template {use.Name}; read what it grants and add it to {nameof(SamPolicyTemplates)}");
        }

        foreach (var managed in inventory.ManagedPolicies)
        {
            var key = (managed.Owner, managed.Name);
            if (allowed.Contains(key))
            {
                used.Add(key);
                continue;
            }

            violations.Add($"{managed.Location}: managed policy {managed.Name} grants what the template cannot show; " +
                $"list it in Metadata.{AllowListKey} (Sid: {managed.Name}) with a reason, or write the statements out");
        }

        violations.AddRange(allowed.Except(used).Select(entry =>
            $"Metadata.{AllowListKey}: the entry for {entry.Resource}/{entry.Sid} matches no wildcard grant; remove it"));
        return violations;
    }

    private static List<string> Wildcards(PolicyStatement statement)
    {
        var found = new List<string>();
        if (statement.IsNotAction)
        {
            found.Add("NotAction (allows every other action)");
        }
        else if (statement.Actions.Any(a => a == "*"))
        {
            found.Add("Action '*'");
        }

        if (statement.IsNotResource)
        {
            found.Add("NotResource (allows every other resource)");
        }
        else if (statement.Resources.Any(r => StackTemplate.Text(r) == "*"))
        {
            found.Add("Resource '*'");
        }

        return found;
    }

    private static HashSet<(string Resource, string Sid)> ReadAllowList(StackTemplate template, List<string> violations)
    {
        var entries = new HashSet<(string, string)>();
        if (template.Metadata[AllowListKey] is not JsonArray list)
        {
            return entries;
        }

        for (var i = 0; i < list.Count; i++)
        {
            var entry = list[i] as JsonObject;
            var resource = StackTemplate.Text(entry?["Resource"]);
            var sid = StackTemplate.Text(entry?["Sid"]);
            var reason = StackTemplate.Text(entry?["Reason"]);
            if (resource is null || sid is null || string.IsNullOrWhiteSpace(reason))
            {
                violations.Add($"Metadata.{AllowListKey}[{i}]: needs Resource, Sid and a non-empty Reason");
                continue;
            }

            entries.Add((resource, sid));
        }

        return entries;
    }
}
