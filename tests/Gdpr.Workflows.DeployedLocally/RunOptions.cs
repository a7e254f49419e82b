namespace Gdpr.Workflows.DeployedLocally;

/// <summary>
/// What scripts/deployed-locally.sh hands the run: <c>--artifacts DIR</c> (one <c>&lt;LogicalId&gt;/bootstrap</c> per
/// function), <c>--tls DIR</c> (<c>ca.pem</c>, <c>server.pem</c>, <c>server.key</c> from the script's openssl), <c>--gdpr
/// gdpr.dll</c>, <c>--work DIR</c> (scratch: the engine's data directory), <c>--template template.yaml</c>.
/// </summary>
internal sealed record RunOptions(string Artifacts, string TlsDirectory, string GdprDll, string WorkDirectory, string Template)
{
    public string CaCertificate => Path.Combine(TlsDirectory, "ca.pem");

    public string ServerCertificate => Path.Combine(TlsDirectory, "server.pem");

    public string ServerKey => Path.Combine(TlsDirectory, "server.key");

    public static RunOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        string Required(string name) => values.TryGetValue(name, out var value)
            ? Path.GetFullPath(value)
            : throw new DeployedLocallyException($"{name} is required: --artifacts DIR --tls DIR --gdpr gdpr.dll --work DIR --template template.yaml");

        return new RunOptions(Required("--artifacts"), Required("--tls"), Required("--gdpr"), Required("--work"), Required("--template"));
    }
}
