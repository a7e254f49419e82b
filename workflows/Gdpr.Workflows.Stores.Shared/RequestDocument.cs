using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Stores;

/// <summary>
/// An erasure request as stored: the whole record as one JSON document (camelCase, enums by name), beside
/// the few columns or attributes the indexes need. Computed properties (IsOpen, IsSettled...) are not stored.
/// </summary>
internal static class RequestDocument
{
    // The generated metadata (no reflection: the Lambda functions are Native AOT) with computed properties removed.
    private static readonly JsonTypeInfo<ErasureRequest> RequestType = (JsonTypeInfo<ErasureRequest>)new JsonSerializerOptions(StoreJsonContext.Default.Options)
    {
        TypeInfoResolver = StoreJsonContext.Default.WithAddedModifier(DropComputedProperties),
    }.GetTypeInfo(typeof(ErasureRequest));

    public static string Serialize(ErasureRequest request) => JsonSerializer.Serialize(request, RequestType);

    public static ErasureRequest Deserialize(string json) =>
        JsonSerializer.Deserialize(json, RequestType) ?? throw new InvalidDataException("A stored request document is null.");

    /// <summary>The due date as the open queue orders it: yyyy-MM-dd, or "none" (after every date) while the clock is stopped.</summary>
    public static string DueKey(ErasureRequest request) =>
        request.Deadline.DueDate is { } due ? due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "none";

    /// <summary>The request's checks before it is stored: id, version 1 on create, intake key, subject hashes.</summary>
    public static void CheckNew(ErasureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        StoreArguments.RequestId(request.RequestId, nameof(request));
        if (request.Version != 1)
        {
            throw new ArgumentException("A new request has version 1.", nameof(request));
        }

        CheckShape(request);
    }

    public static void CheckShape(ErasureRequest request)
    {
        StoreArguments.RequestId(request.RequestId, nameof(request));
        StoreArguments.NotBlank(request.IntakeKey, nameof(request));
        if (request.SubjectHashes is null || request.SubjectHashes.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Subject hashes are present and not blank.", nameof(request));
        }

        if (request.SubjectHashes.Distinct(StringComparer.Ordinal).Count() > MaxSubjectHashes)
        {
            throw new ArgumentException($"A request has at most {MaxSubjectHashes} subject hashes.", nameof(request));
        }
    }

    /// <summary>Bounded so a create stays one DynamoDB transaction (100 items: request, intake marker, one link per hash).</summary>
    public const int MaxSubjectHashes = 64;

    private static void DropComputedProperties(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        for (var i = type.Properties.Count - 1; i >= 0; i--)
        {
            if (type.Properties[i].Set is null && type.Properties[i].AssociatedParameter is null)
            {
                type.Properties.RemoveAt(i);
            }
        }
    }
}
