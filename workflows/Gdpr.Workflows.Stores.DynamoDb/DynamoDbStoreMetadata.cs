namespace Gdpr.Workflows.Stores.DynamoDb;

/// <summary>What a Lambda function can prepare while it starts, off the path of its first store call.</summary>
public static class DynamoDbStoreMetadata
{
    /// <summary>Builds the JSON metadata of stored request documents (thread-safe; later calls cost nothing much).</summary>
    /// <returns>The types prepared: the request's and every type inside it.</returns>
    public static IReadOnlyCollection<Type> Prepare() => RequestDocument.PrepareMetadata();
}
