using System.Text.Json.Nodes;
using Gdpr.Workflows.Contracts;

namespace Gdpr.Workflows.Local;

/// <summary>The erasure-task contract's schemas as <c>gdpr serve</c> serves them (<c>GET /contracts/erasure-task/v1/{file}</c>).</summary>
public static class ContractSchemas
{
    /// <summary>The schema named <paramref name="fileName"/> (e.g. task.schema.json), or null.</summary>
    public static JsonNode? Find(string fileName)
    {
        foreach (var document in Enum.GetValues<ErasureTaskDocument>())
        {
            if (ErasureTaskContract.FileName(document) == fileName)
            {
                return JsonNode.Parse(ErasureTaskContract.SchemaText(document));
            }
        }

        return null;
    }
}
