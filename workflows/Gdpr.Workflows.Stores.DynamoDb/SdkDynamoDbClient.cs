using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Gdpr.Workflows.Stores.DynamoDb;

/// <summary><see cref="IDynamoDbClient"/> over the AWS SDK's client, which stays owned (and disposed) by the caller.</summary>
public sealed class SdkDynamoDbClient(IAmazonDynamoDB client) : IDynamoDbClient
{
    private readonly IAmazonDynamoDB _client = client ?? throw new ArgumentNullException(nameof(client));

    public Task<GetItemResponse> GetItemAsync(GetItemRequest request, CancellationToken cancellationToken = default) =>
        _client.GetItemAsync(request, cancellationToken);

    public Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken = default) =>
        _client.PutItemAsync(request, cancellationToken);

    public Task<UpdateItemResponse> UpdateItemAsync(UpdateItemRequest request, CancellationToken cancellationToken = default) =>
        _client.UpdateItemAsync(request, cancellationToken);

    public Task<DeleteItemResponse> DeleteItemAsync(DeleteItemRequest request, CancellationToken cancellationToken = default) =>
        _client.DeleteItemAsync(request, cancellationToken);

    public Task<QueryResponse> QueryAsync(QueryRequest request, CancellationToken cancellationToken = default) =>
        _client.QueryAsync(request, cancellationToken);

    public Task<BatchGetItemResponse> BatchGetItemAsync(BatchGetItemRequest request, CancellationToken cancellationToken = default) =>
        _client.BatchGetItemAsync(request, cancellationToken);

    public Task<TransactWriteItemsResponse> TransactWriteItemsAsync(TransactWriteItemsRequest request, CancellationToken cancellationToken = default) =>
        _client.TransactWriteItemsAsync(request, cancellationToken);
}
