using System.Text.Json.Nodes;
using Gdpr.Workflows.Contracts;

namespace Gdpr.Workflows.Local;

/// <summary>The erasure-task contract's schemas as <c>gdpr serve</c> serves them (<c>GET /contracts/erasure-task/v1/{file}</c>).</summary>
public static class ContractSchemas
{
    /// <summary>The file names served, e.g. task.schema.json.</summary>
    public static IReadOnlyList<string> Files { get; } = [.. Enum.GetValues<ErasureTaskDocument>().Select(ErasureTaskContract.FileName), ErasureTaskContract.ReceiptFileName];

    /// <summary>The schema named <paramref name="fileName"/> (e.g. task.schema.json), or null.</summary>
    public static JsonNode? Find(string fileName) =>
        Files.Contains(fileName, StringComparer.Ordinal) ? JsonNode.Parse(ErasureTaskContract.SchemaText(fileName)) : null;
}
