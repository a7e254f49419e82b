using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Gdpr.Workflows.Contracts;

/// <summary>The documents of the erasure-task contract, one JSON Schema each (contracts/erasure-task/v1).</summary>
public enum ErasureTaskDocument
{
    /// <summary>task.schema.json: what a system receives.</summary>
    Task,

    /// <summary>answer.schema.json: one answer (outcome with receipt, failure, heartbeat).</summary>
    Answer,

    /// <summary>batch.schema.json: many answers in one call.</summary>
    Batch,

    /// <summary>subject.schema.json: the identifiers fetched for a task.</summary>
    Subject,
}

/// <summary>
/// Validates documents against the erasure-task contract's JSON Schemas, the same files on every host (the Lambda
/// functions embed them, the local host and the connector too). Errors name the location and the rule broken, never
/// the value (it may be personal data).
/// </summary>
public static class ErasureTaskContract
{
    /// <summary>The contract version this build speaks (contractVersion in the task message).</summary>
    public const string Version = "1";

    private const string BaseUri = "https://gdpr-workflows.invalid/contracts/erasure-task/v1/";

    private static readonly Lazy<FrozenDictionary<ErasureTaskDocument, JsonSchema>> Schemas = new(Load);

    /// <summary>The file of the receipt schema the answer schema refers to.</summary>
    public const string ReceiptFileName = "receipt.schema.json";

    /// <summary>The schema text of <paramref name="document"/>, as kept in the repository (what <c>gdpr serve</c> serves).</summary>
    public static string SchemaText(ErasureTaskDocument document) => Read(FileName(document));

    /// <summary>The schema text of the file <paramref name="fileName"/> (a document's, or <see cref="ReceiptFileName"/>).</summary>
    public static string SchemaText(string fileName) => Read(fileName);

    /// <summary>The file name of <paramref name="document"/>'s schema, e.g. task.schema.json.</summary>
    public static string FileName(ErasureTaskDocument document) => document switch
    {
        ErasureTaskDocument.Task => "task.schema.json",
        ErasureTaskDocument.Answer => "answer.schema.json",
        ErasureTaskDocument.Batch => "batch.schema.json",
        ErasureTaskDocument.Subject => "subject.schema.json",
        _ => throw new ArgumentOutOfRangeException(nameof(document), document, "Unknown contract document."),
    };

    /// <summary>Checks <paramref name="node"/> against <paramref name="document"/>'s schema.</summary>
    public static ContractCheck Validate(ErasureTaskDocument document, JsonNode? node)
    {
        string text;
        try
        {
            text = node?.ToJsonString() ?? "null";
        }
        catch (InvalidOperationException)
        {
            // A string holding a lone UTF-16 surrogate ("\uD800") parses as JSON but is not text: a bad input, never a 500.
            return new ContractCheck(false, ["/: a string is not valid Unicode text (a lone UTF-16 surrogate)"]);
        }

        using var parsed = JsonDocument.Parse(text);
        var results = Schemas.Value[document].Evaluate(parsed.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return ContractCheck.Ok;
        }

        var errors = new List<string>();
        foreach (var detail in (results.Details ?? []).Append(results))
        {
            if (detail.Errors is null)
            {
                continue;
            }

            foreach (var (keyword, _) in detail.Errors)
            {
                var at = detail.InstanceLocation.ToString();
                var rule = detail.EvaluationPath.ToString();
                errors.Add($"{(at.Length == 0 ? "/" : at)}: breaks {(keyword.Length == 0 ? rule : $"'{keyword}' of {rule}")}");
            }
        }

        return new ContractCheck(false, errors.Distinct(StringComparer.Ordinal).Take(20).ToList());
    }

    private static FrozenDictionary<ErasureTaskDocument, JsonSchema> Load()
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };

        // Referenced documents first: a schema's $ref resolves when it is built.
        var receipt = JsonSchema.FromText(Read(ReceiptFileName), options, new Uri(BaseUri + ReceiptFileName));
        options.SchemaRegistry.Register(receipt);
        var answer = Build(ErasureTaskDocument.Answer, options);
        options.SchemaRegistry.Register(answer);
        return new Dictionary<ErasureTaskDocument, JsonSchema>
        {
            [ErasureTaskDocument.Task] = Build(ErasureTaskDocument.Task, options),
            [ErasureTaskDocument.Answer] = answer,
            [ErasureTaskDocument.Batch] = Build(ErasureTaskDocument.Batch, options),
            [ErasureTaskDocument.Subject] = Build(ErasureTaskDocument.Subject, options),
        }.ToFrozenDictionary();
    }

    private static JsonSchema Build(ErasureTaskDocument document, BuildOptions options) =>
        JsonSchema.FromText(SchemaText(document), options, new Uri(BaseUri + FileName(document)));

    private static string Read(string fileName)
    {
        using var stream = typeof(ErasureTaskContract).Assembly.GetManifestResourceStream("erasure-task/v1/" + fileName)
            ?? throw new InvalidOperationException($"The contract schema {fileName} is not embedded in {typeof(ErasureTaskContract).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>The result of a contract check: valid, or the locations and rules broken (never the values).</summary>
public sealed record ContractCheck(bool Valid, IReadOnlyList<string> Errors)
{
    public static ContractCheck Ok { get; } = new(true, []);

    public override string ToString() => Valid ? "valid" : string.Join("; ", Errors);
}
