using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Reliability.Hosting;

/// <summary>The system registries the scenarios run the host with (passed as <c>gdpr serve --registry</c>).</summary>
internal static class Registries
{
    /// <summary>The repository's samples/systems.yaml (orders, crm, marketing, the async support desk).</summary>
    public static string Samples(string templatePath) => LocalHost.FindRegistry(null, templatePath);

    /// <summary>
    /// The sample registry plus the flaky loyalty program (a sync system whose calls fail transiently now and then):
    /// five systems, one flaky, one async.
    /// </summary>
    public static string WithFlakySystem(string directory, string templatePath)
    {
        var path = Path.Combine(directory, "systems-with-flaky.yaml");
        File.WriteAllText(path, File.ReadAllText(Samples(templatePath)).TrimEnd() + """


              - name: loyalty
                owner: partnerships-team
                description: Loyalty scheme run by a partner behind an unreliable gateway (SQLite sample); some calls fail transiently.
                mode: sync
                timeoutSeconds: 60

            """);
        return path;
    }

    /// <summary>The three sync samples only (orders, crm, marketing): every request can finish without anyone answering a task.</summary>
    public static string SyncOnly(string directory, string templatePath)
    {
        var text = File.ReadAllText(Samples(templatePath));
        var desk = text.IndexOf("  - name: support-desk", StringComparison.Ordinal);
        var path = Path.Combine(directory, "systems-sync-only.yaml");
        File.WriteAllText(path, desk < 0 ? text : text[..desk].TrimEnd() + "\n");
        return path;
    }
}
