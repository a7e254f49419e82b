using System.Text;
using Gdpr.Workflows.Aws;
using Gdpr.Workflows.Aws.Ssm;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Registry;

namespace Gdpr.Workflows.Functions.Aws;

/// <summary>
/// Reads the systems registry from SSM Parameter Store: one String parameter per system directly under
/// SYSTEMS_PARAMETER_PATH (<c>/gdpr-workflows/&lt;stage&gt;/systems/&lt;system&gt;</c>), each holding that system's entry of
/// the registry format (YAML or JSON, e.g. <c>{"name": "crm", "owner": "sales", "mode": "sync"}</c>). The entries are
/// validated together, by the same rules as a registry file; a parameter named other than its system is refused.
/// </summary>
public static class SsmSystemRegistry
{
    /// <exception cref="SystemRegistryException">No parameter under the path, or an invalid entry.</exception>
    public static async Task<SystemRegistry> LoadAsync(SsmClient ssm, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ssm);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var parameters = new List<SsmParameter>();
        try
        {
            await foreach (var parameter in ssm.EnumerateParametersByPathAsync(
                new GetParametersByPathRequest { Path = path.TrimEnd('/'), Recursive = false, MaxResults = SsmClient.MaxPageSize }, cancellationToken))
            {
                parameters.Add(parameter);
            }
        }
        catch (AwsServiceException e) when (e.IsTransient)
        {
            throw new TransientErasureException($"SSM is temporarily unavailable ({e.ErrorCode}).", e);
        }

        return Parse(parameters, path);
    }

    /// <summary>The registry the parameters hold, in parameter-name order.</summary>
    public static SystemRegistry Parse(IReadOnlyCollection<SsmParameter> parameters, string path)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var source = "ssm:" + path;
        if (parameters.Count == 0)
        {
            throw new SystemRegistryException(source, null, null, "systems", "has no parameters: put one per system under this path.");
        }

        // Each value becomes one item of a block sequence, indented under "-", so block YAML and JSON entries both fit.
        var text = new StringBuilder("version: 1\nsystems:\n");
        foreach (var parameter in parameters.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            text.Append("  -\n");
            foreach (var line in parameter.Value.ReplaceLineEndings("\n").Split('\n'))
            {
                text.Append("    ").Append(line).Append('\n');
            }
        }

        var registry = SystemRegistry.Parse(text.ToString(), source);
        var names = parameters.Select(p => p.Name[(p.Name.LastIndexOf('/') + 1)..]).Order(StringComparer.Ordinal).ToList();
        var misnamed = registry.Systems.FirstOrDefault(s => !names.Contains(s.Name, StringComparer.Ordinal));
        if (misnamed is not null)
        {
            throw new SystemRegistryException(source, null, misnamed.Name, "name", "differs from its parameter's name: the parameter is named after its system.");
        }

        return registry;
    }
}
