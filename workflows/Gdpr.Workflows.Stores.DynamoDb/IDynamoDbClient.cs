using Amazon.DynamoDBv2.Model;

namespace Gdpr.Workflows.Stores.DynamoDb;

/// <summary>
/// The DynamoDB operations the stores call, on the AWS SDK's own request and response model types. Two implementations:
/// <see cref="SdkDynamoDbClient"/> over the SDK's <c>IAmazonDynamoDB</c> (the gdpr tool), and
/// <see cref="Http.HttpDynamoDbClient"/>, a small JSON-protocol client that keeps the SDK's request pipeline out of a
/// Lambda's cold start (the functions). Both throw the SDK's exception types (<c>ConditionalCheckFailedException</c>,
/// <c>TransactionCanceledException</c>, ...).
/// </summary>
public interface IDynamoDbClient
{
    Task<GetItemResponse> GetItemAsync(GetItemRequest request, CancellationToken cancellationToken = default);

    Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken = default);

    Task<UpdateItemResponse> UpdateItemAsync(UpdateItemRequest request, CancellationToken cancellationToken = default);

    Task<DeleteItemResponse> DeleteItemAsync(DeleteItemRequest request, CancellationToken cancellationToken = default);

    Task<QueryResponse> QueryAsync(QueryRequest request, CancellationToken cancellationToken = default);

    Task<BatchGetItemResponse> BatchGetItemAsync(BatchGetItemRequest request, CancellationToken cancellationToken = default);

    Task<TransactWriteItemsResponse> TransactWriteItemsAsync(TransactWriteItemsRequest request, CancellationToken cancellationToken = default);
}
