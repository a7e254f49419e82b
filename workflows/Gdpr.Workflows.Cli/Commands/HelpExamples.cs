using System.CommandLine;

namespace Gdpr.Workflows.Cli.Commands;

/// <summary>Examples shown at the end of each command's --help, so a new user sees a working command line first.</summary>
public static class HelpExamples
{
    private static readonly Dictionary<string, string[]> Examples = new(StringComparer.Ordinal)
    {
        ["demo"] = ["gdpr demo", "gdpr demo --json"],
        ["serve"] = ["gdpr serve", "gdpr serve --port 8080", "curl -H \"Authorization: Bearer $(cat ~/.gdpr-workflows/api-token)\" http://127.0.0.1:8080/requests"],
        ["submit"] = ["gdpr submit --email jane@example.com --customer-id C-1042", "gdpr submit --email jane@example.com --received 2025-03-14 --authenticated --json", "gdpr submit --email jane@example.com --jurisdiction uk-sct", "gdpr submit --file request.json"],
        ["status"] = ["gdpr status req-20250314-abc123", "gdpr status req-20250314-abc123 --json"],
        ["list"] = ["gdpr list", "gdpr list --overdue", "gdpr list --due-within 7d", "gdpr list --status Completed --page-size 100"],
        ["extend"] = ["gdpr extend req-20250314-abc123 --months 2 --reason complex --detail \"14 systems\" --told-on 2025-03-20 --json", "gdpr extend req-20250314-abc123 --months 1 --reason numerous --untold", "gdpr extend req-20250314-abc123 --record-told --told-on 2025-03-21"],
        ["verify"] = ["gdpr verify req-20250314-abc123 --method id-document --received-on 2025-03-17", "gdpr verify req-20250314-abc123 --received-on 2025-03-17", "gdpr verify req-20250314-abc123 --reject --reason documents-mismatch"],
        ["pause"] = ["gdpr pause req-20250314-abc123 --reason \"which of two accounts\" --asked-on 2025-03-17"],
        ["resume"] = ["gdpr resume req-20250314-abc123 --answered-on 2025-03-20"],
        ["deadline"] = ["gdpr deadline --received 2027-12-03 --json", "gdpr deadline --received 2028-09-30 --jurisdiction uk-sct --months 3"],
        ["retry"] = ["gdpr retry req-20250314-abc123", "gdpr retry req-20250314-abc123 --system crm"],
        ["cancel"] = ["gdpr cancel req-20250314-abc123 --reason withdrawn-by-subject"],
        ["task"] = ["gdpr task list --system support-desk", "gdpr task succeed <token> --outcome erased"],
        ["task list"] = ["gdpr task list", "gdpr task list --system support-desk --json", "gdpr task list --all"],
        ["task succeed"] = ["gdpr task succeed <token> --outcome erased --reference T-881", "gdpr task succeed <token> --outcome retained --ground b --until 2031-03-31 --data invoices"],
        ["task fail"] = ["gdpr task fail <token> --error Erasure.TransientError --cause system-down"],
        ["task heartbeat"] = ["gdpr task heartbeat <token>"],
        ["history"] = ["gdpr history --request req-20250314-abc123", "gdpr history --subject jane@example.com", "gdpr history --from 2025-03-01 --to 2025-03-31 --system crm"],
        ["export"] = ["gdpr export --format csv --from 2025-01-01 --to 2025-12-31 --output audit-2025.csv", "gdpr export --format jsonl --from 2025-03-14 --to 2025-03-14"],
        ["audit"] = ["gdpr audit verify --all"],
        ["audit verify"] = ["gdpr audit verify --request req-20250314-abc123", "gdpr audit verify --all --json"],
        ["verify-chain"] = ["gdpr verify-chain --all"],
        ["report"] = ["gdpr report", "gdpr report --from 2025-01-01 --to 2025-03-31 --json"],
        ["engine"] = ["gdpr engine serve --port 8083"],
        ["engine serve"] = ["gdpr engine serve --port 8083 --home /tmp/sfn", "aws stepfunctions list-state-machines --endpoint-url http://127.0.0.1:8083"],
    };

    /// <summary>Appends its examples to every command of <paramref name="root"/> that has some.</summary>
    public static void AddTo(RootCommand root)
    {
        foreach (var command in root.Subcommands)
        {
            Add(command, command.Name);
        }
    }

    private static void Add(Command command, string path)
    {
        if (Examples.TryGetValue(path, out var lines))
        {
            command.Description += Environment.NewLine + Environment.NewLine + "Examples:" + Environment.NewLine + string.Join(Environment.NewLine, lines.Select(l => "  " + l));
        }

        foreach (var sub in command.Subcommands)
        {
            Add(sub, path + " " + sub.Name);
        }
    }
}
