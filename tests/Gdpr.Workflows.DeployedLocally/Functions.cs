using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Sam;

namespace Gdpr.Workflows.DeployedLocally;

/// <summary>
/// Every function of template.yaml as a <see cref="FunctionRuntime"/> running its published bootstrap
/// (<c>&lt;artifacts&gt;/&lt;LogicalId&gt;/bootstrap</c>, the layout of <c>sam build</c>'s .aws-sam/build), found by
/// name or ARN, and the HTTP API routes their <c>HttpApi</c> events declare.
/// </summary>
internal sealed class Functions : IAsyncDisposable
{
    private readonly Dictionary<string, FunctionRuntime> _byName = new(StringComparer.Ordinal);

    public Functions(SamTemplate template, string artifacts, Func<SamFunction, IReadOnlyDictionary<string, string>> environment)
    {
        var routes = new List<(FunctionRuntime, string, string)>();
        foreach (var function in template.Functions.Values.OrderBy(f => f.LogicalId, StringComparer.Ordinal))
        {
            var bootstrap = Path.Combine(artifacts, function.LogicalId, "bootstrap");
            if (!File.Exists(bootstrap))
            {
                throw new DeployedLocallyException($"{bootstrap} is missing: scripts/deployed-locally.sh publishes every function of template.yaml there");
            }

            var runtime = new FunctionRuntime(function, bootstrap, () => environment(function));
            _byName[function.FunctionName] = runtime;
            _byName[function.LogicalId] = runtime;
            foreach (var (_, apiEvent) in (function.Events as JsonObject ?? []).Where(e => e.Value?["Type"]?.GetValue<string>() == "HttpApi"))
            {
                var properties = apiEvent!["Properties"];
                routes.Add((runtime, properties?["Method"]?.GetValue<string>() ?? "ANY", properties?["Path"]?.GetValue<string>() ?? "/"));
            }
        }

        All = [.. _byName.Values.Distinct()];
        HttpRoutes = routes;
    }

    public IReadOnlyList<FunctionRuntime> All { get; }

    public IReadOnlyList<(FunctionRuntime Function, string Method, string Path)> HttpRoutes { get; }

    /// <summary>By function name, logical id or ARN (<c>arn:aws:lambda:...:function:name[:qualifier]</c>).</summary>
    public bool TryFind(string nameOrArn, [NotNullWhen(true)] out FunctionRuntime? function)
    {
        var name = nameOrArn;
        var marker = nameOrArn.IndexOf(":function:", StringComparison.Ordinal);
        if (marker >= 0)
        {
            name = nameOrArn[(marker + ":function:".Length)..].Split(':')[0];
        }

        return _byName.TryGetValue(name, out function);
    }

    public FunctionRuntime this[string logicalId] =>
        TryFind(logicalId, out var function) ? function : throw new DeployedLocallyException($"template.yaml has no function {logicalId}");

    public async ValueTask DisposeAsync()
    {
        foreach (var function in All)
        {
            await function.DisposeAsync();
        }
    }
}
